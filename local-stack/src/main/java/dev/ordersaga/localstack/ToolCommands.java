package dev.ordersaga.localstack;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./stack kafka} and {@code ./stack events}: tools run against the stack's broker. */
final class ToolCommands {

    private ToolCommands() {}

    @Command(
            name = "kafka",
            mixinStandardHelpOptions = false,
            description = "Run a Kafka command-line tool against the local broker: console-consumer, console-producer,"
                    + " topics, consumer-groups, get-offsets, configs, metadata-quorum, cluster (or a class name)."
                    + " --bootstrap-server is added when absent.")
    static final class Kafka implements Callable<Integer> {
        @Mixin
        StackLocation location;

        @Parameters(index = "0", paramLabel = "TOOL")
        String tool;

        @Parameters(index = "1..*", paramLabel = "ARGS")
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() throws IOException, InterruptedException {
            Stack stack = location.running(System.out);
            List<String> command = stack.broker().toolCommand(tool, args == null ? List.of() : args);
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        }
    }

    @Command(
            name = "events",
            mixinStandardHelpOptions = true,
            description = "Every saga event in time order, one line each (time, topic, type, order id, key fields).")
    static final class Events implements Callable<Integer> {
        @Mixin
        StackLocation location;

        @Option(names = "--order", paramLabel = "ID", description = "Only this order's events")
        String order;

        @Option(
                names = {"-f", "--follow"},
                description = "Keep printing new events")
        boolean follow;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Stack stack = location.running(System.out);
            List<String> command = new ArrayList<>(
                    stack.broker().javaCommand("-Xmx128m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
            // the Kafka jars first, then the launcher's own classes (EventsMain, events-schema, Jackson)
            int cp = command.indexOf("-cp") + 1;
            command.set(cp, command.get(cp) + java.io.File.pathSeparator + Jdk.ownClassPath());
            command.add("dev.ordersaga.localstack.events.EventsMain");
            command.add(stack.config().kafkaBootstrap());
            if (order != null) {
                command.add("--order");
                command.add(order);
            }
            if (follow) {
                command.add("-f");
            }
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        }
    }
}
