package dev.ordersaga.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description = "Show a component's log (all of them without a name); -f follows.")
final class LogsCommand extends RunningStackCommand {

    @Parameters(arity = "0..1", paramLabel = "COMPONENT")
    String component;

    @Option(names = {"-f", "--follow"})
    boolean follow;

    @Option(
            names = {"-n", "--lines"},
            defaultValue = "100",
            description = "Lines to show first (default ${DEFAULT-VALUE}; 20 each without a name)")
    int lines;

    @Override
    int run(Stack stack) throws IOException, InterruptedException {
        StackConfig config = stack.config();
        List<Instance> components = component == null ? stack.knownInstances() : StackCli.select(stack, component);
        int first = component == null ? Math.min(lines, 20) : lines;
        long[] offsets = new long[components.size()];
        for (int i = 0; i < components.size(); i++) {
            Instance c = components.get(i);
            Path log = config.logFile(c);
            if (components.size() > 1) {
                System.out.println("==> " + log + " <==");
            }
            Probes.tail(log, first).forEach(System.out::println);
            offsets[i] = Probes.size(log);
        }
        while (follow) {
            Thread.sleep(Duration.ofMillis(300));
            for (int i = 0; i < components.size(); i++) {
                offsets[i] = printNew(
                        config.logFile(components.get(i)),
                        offsets[i],
                        components.size() > 1 ? "[" + components.get(i).shortName() + "] " : "");
            }
        }
        return 0;
    }

    private static long printNew(Path log, long offset, String prefix) throws IOException {
        long size = Probes.size(log);
        if (size < offset) {
            return 0; // the file was replaced (reset)
        }
        if (size == offset) {
            return offset;
        }
        try (RandomAccessFile raf = new RandomAccessFile(log.toFile(), "r")) {
            raf.seek(offset);
            byte[] bytes = new byte[(int) Math.min(size - offset, 8 * 1024 * 1024)];
            raf.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                return offset; // wait for the rest of the line
            }
            for (String line : text.substring(0, end).split("\n", -1)) {
                System.out.println(prefix + line);
            }
            return offset + text.substring(0, end + 1).getBytes(StandardCharsets.UTF_8).length;
        }
    }
}
