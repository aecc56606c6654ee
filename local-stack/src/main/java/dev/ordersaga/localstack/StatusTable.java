package dev.ordersaga.localstack;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code ./stack status} and the table after {@code up}: one row per process of the stack. */
public final class StatusTable {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /**
     * One row of the table.
     *
     * @param restarts how often the supervisor restarted it since the last {@code up} from nothing
     * @param held stopped on purpose ({@code ./stack stop}): the supervisor leaves it down
     */
    public record Row(
            Instance instance,
            int port,
            Long pid,
            String health,
            Instant started,
            Duration readyAfter,
            long rss,
            int restarts,
            boolean held) {

        public Component component() {
            return instance.component();
        }
    }

    private final Stack stack;

    StatusTable(Stack stack) {
        this.stack = stack;
    }

    public List<Row> rows() {
        StackConfig config = stack.config();
        SupervisorState supervision = SupervisorState.of(config);
        List<Row> rows = new ArrayList<>();
        for (Instance i : stack.knownInstances()) {
            Component c = i.component();
            Optional<ProcessHandle> handle = stack.process(i);
            int port = config.port(i);
            String health;
            if (handle.isEmpty()) {
                health = "stopped";
            } else if (c.isService()) {
                health = Probes.health(port);
            } else if (c == Component.ZIPKIN) {
                health = Probes.httpOk(config.zipkinUrl() + "/health") ? "UP" : "-";
            } else {
                health = Probes.accepts(port) ? "UP" : "-";
            }
            rows.add(new Row(
                    i,
                    port,
                    handle.map(ProcessHandle::pid).orElse(null),
                    health,
                    handle.flatMap(h -> h.info().startInstant()).orElse(null),
                    stack.readyAfter().get(i),
                    handle.map(h -> Processes.rssBytes(h.pid())).orElse(0L),
                    supervision.restarts(i),
                    supervision.isHeld(i)));
        }
        return rows;
    }

    public void print(PrintStream out) {
        List<Row> rows = rows();
        String format = "%-20s %6s %8s %-8s %-9s %8s %9s %8s%n";
        out.println();
        out.printf(format, "SERVICE", "PORT", "PID", "HEALTH", "STARTED", "READY IN", "RSS", "RESTARTS");
        long total = 0;
        int restarts = 0;
        for (Row r : rows) {
            total += r.rss();
            restarts += r.restarts();
            out.printf(
                    format,
                    r.instance().id(),
                    r.port(),
                    r.pid() == null ? "-" : r.pid(),
                    r.held() && r.pid() == null ? "held" : r.health(),
                    r.started() == null
                            ? "-"
                            : LocalTime.ofInstant(r.started().truncatedTo(ChronoUnit.SECONDS), ZoneId.systemDefault())
                                    .format(CLOCK),
                    r.readyAfter() == null
                            ? "-"
                            : String.format("%.1f s", r.readyAfter().toMillis() / 1000.0),
                    r.rss() == 0 ? "-" : (r.rss() >> 20) + " MiB",
                    r.restarts());
        }
        out.printf(format, "total", "", "", "", "", "", (total >> 20) + " MiB", restarts);
        out.println(SupervisorProcess.describe(stack.config()));
    }
}
