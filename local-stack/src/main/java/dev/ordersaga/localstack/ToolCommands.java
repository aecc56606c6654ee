package dev.ordersaga.localstack;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./stack kafka} and {@code ./stack events}: tools run against the stack's broker. */
final class ToolCommands {

    private ToolCommands() {}

    /**
     * The command line of one of the launcher's own Kafka tools ({@code EventsMain}, {@code DltMain}):
     * the Kafka jars first, then the launcher's classes (the tool, events-schema, Jackson); its first
     * argument is the broker's address.
     */
    static List<String> launcherTool(Stack stack, String mainClass) {
        List<String> command = new ArrayList<>(
                stack.broker().javaCommand("-Xmx128m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        int cp = command.indexOf("-cp") + 1;
        command.set(cp, command.get(cp) + java.io.File.pathSeparator + Jdk.ownClassPath());
        command.add(mainClass);
        command.add(stack.config().kafkaBootstrap());
        return command;
    }

    @Command(
            name = "kafka",
            mixinStandardHelpOptions = false,
            description = "Run a Kafka command-line tool against the local broker: console-consumer, console-producer,"
                    + " topics, consumer-groups, get-offsets, configs, metadata-quorum, cluster (or a class name)."
                    + " --bootstrap-server is added when absent.")
    static final class Kafka extends RunningStackCommand {

        @Parameters(index = "0", paramLabel = "TOOL")
        String tool;

        @Parameters(index = "1..*", paramLabel = "ARGS")
        List<String> args = new ArrayList<>();

        @Override
        int run(Stack stack) throws IOException, InterruptedException {
            List<String> command = stack.broker().toolCommand(tool, args == null ? List.of() : args);
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        }
    }

    @Command(
            name = "events",
            mixinStandardHelpOptions = true,
            description = "Every saga event in time order, one line each (time, topic, type, order id, key fields).")
    static final class Events extends RunningStackCommand {

        @Option(names = "--order", paramLabel = "ID", description = "Only this order's events")
        String order;

        @Option(
                names = {"-f", "--follow"},
                description = "Keep printing new events")
        boolean follow;

        @Override
        int run(Stack stack) throws IOException, InterruptedException {
            List<String> command = launcherTool(stack, "dev.ordersaga.localstack.events.EventsMain");
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
