package dev.ordersaga.localstack;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A {@code ./stack} command that acts on the stack {@code up} last started here ({@link StackLocation}). */
abstract class RunningStackCommand implements Callable<Integer> {

    @Mixin
    StackLocation location;

    @Override
    public final Integer call() throws Exception {
        return run(location.running(System.out));
    }

    /** The command's work on the running stack; its exit code. */
    abstract int run(Stack stack) throws Exception;
}
