package dev.ordersaga.localstack;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./stack}: the command line of the local stack. */
@Command(
        name = "stack",
        mixinStandardHelpOptions = true,
        description = "Runs order-saga on this machine: a Kafka broker, a MongoDB-compatible store and the six"
                + " services as separate processes, with the demo data.",
        subcommands = {
            UpCommand.class,
            StackCli.Down.class,
            StackCli.Status.class,
            LogsCommand.class,
            StackCli.Stop.class,
            StackCli.Reset.class,
            StackCli.Seed.class,
            ToolCommands.Kafka.class,
            ToolCommands.Events.class,
            DltCommand.class,
            StackCli.Supervise.class
        })
public final class StackCli implements Callable<Integer> {

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new StackCli());
        // everything after the tool name belongs to the Kafka tool, --help included
        cli.getSubcommands().get("kafka").setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof StackException) {
                System.err.println("stack: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }

    @Command(
            name = "down",
            mixinStandardHelpOptions = true,
            description = "Stop every process this stack started (by pid).")
    static final class Down extends RunningStackCommand {

        @Override
        int run(Stack stack) {
            List<Component> stopped = stack.down();
            System.out.println(
                    stopped.isEmpty() ? "Nothing was running." : "Stopped. Data is kept (./stack reset wipes it).");
            return 0;
        }
    }

    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = "Stop one component (./stack up starts it again).")
    static final class Stop extends RunningStackCommand {

        @Parameters(
                paramLabel = "COMPONENT",
                description = "gateway, auth, customer, inventory, payment, order, kafka, mongo or zipkin: every"
                        + " instance of it; <service>#<i> (order#1) for one instance")
        String component;

        @Override
        int run(Stack stack) {
            for (Instance i : select(stack, component)) {
                if (!stack.stop(i)) {
                    System.out.println(i.id() + " was not running.");
                }
            }
            return 0;
        }
    }

    @Command(
            name = "supervise",
            hidden = true,
            description = "Restart whatever of the running stack crashes (started by up; stopped by down).")
    static final class Supervise extends RunningStackCommand {

        @Override
        int run(Stack stack) throws InterruptedException {
            System.out.println(java.time.Instant.now() + " supervisor: watching "
                    + stack.config().instances().size() + " processes of "
                    + stack.config().dataDir());
            Supervisor.of(stack, System.out).run();
            return 0;
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "Show every component: port, pid, health, memory.")
    static final class Status extends RunningStackCommand {

        @Override
        int run(Stack stack) {
            stack.printTable();
            boolean allUp = stack.rows().stream().allMatch(r -> "UP".equals(r.health()));
            return allUp ? 0 : 3;
        }
    }

    @Command(
            name = "reset",
            mixinStandardHelpOptions = true,
            description = "Stop everything and delete the data directory.")
    static final class Reset extends RunningStackCommand {

        @Override
        int run(Stack stack) {
            stack.reset();
            System.out.println("Stopped and wiped " + stack.config().dataDir());
            return 0;
        }
    }

    @Command(name = "seed", mixinStandardHelpOptions = true, description = "Create the demo data again (idempotent).")
    static final class Seed extends RunningStackCommand {

        @Override
        int run(Stack stack) {
            stack.seed();
            return 0;
        }
    }

    /** {@code order#1}: that instance; {@code order}: every known instance of order-service. */
    static List<Instance> select(Stack stack, String name) {
        Instance parsed;
        try {
            parsed = Instance.parse(name);
        } catch (IllegalArgumentException e) {
            throw new StackException(e.getMessage());
        }
        if (name.contains("#")) {
            return List.of(parsed);
        }
        List<Instance> all = stack.knownInstances().stream()
                .filter(i -> i.component() == parsed.component())
                .toList();
        return all.isEmpty() ? List.of(parsed) : all;
    }

    static Component parse(String name) {
        try {
            return Component.byName(name);
        } catch (IllegalArgumentException e) {
            throw new StackException(e.getMessage());
        }
    }
}
