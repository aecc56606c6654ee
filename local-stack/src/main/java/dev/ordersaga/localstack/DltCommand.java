package dev.ordersaga.localstack;

import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./stack dlt [redrive <topic>]}: what the dead-letter topics hold, and sending it back. */
@Command(
        name = "dlt",
        mixinStandardHelpOptions = true,
        description = {
            "Lists every record of every <topic>.DLT (time, type, order id, the error, where it came from).",
            "'dlt redrive <topic>' publishes the records of <topic>.DLT to <topic> again (safe: every consumer"
                    + " is idempotent; records already re-driven are not sent twice).",
            "'dlt redrive <topic> <topic.DLT/partition/offset>...' re-drives only those records (again if asked)."
                    + " The operator console re-drives with the same code."
        })
final class DltCommand extends RunningStackCommand {

    @Parameters(
            arity = "0..*",
            paramLabel = "ACTION",
            description = "nothing (list), or: redrive <topic> [<topic.DLT/partition/offset>...]")
    List<String> action;

    @Override
    int run(Stack stack) throws IOException, InterruptedException {
        List<String> args = action == null ? List.of() : action;
        if (!args.isEmpty() && (!args.getFirst().equals("redrive") || args.size() < 2)) {
            throw new StackException(
                    "usage: ./stack dlt, or ./stack dlt redrive <topic> [<topic.DLT/partition/offset>...]");
        }
        List<String> command = ToolCommands.launcherTool(stack, "dev.ordersaga.localstack.events.DltMain");
        command.addAll(args.isEmpty() ? List.of("list") : args);
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
