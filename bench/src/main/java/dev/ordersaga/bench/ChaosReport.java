package dev.ordersaga.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of a chaos run: {@code <label>.md} (every fault: what was hit, how long it lasted,
 * how soon answers were 201 again, its 504s, 503s and errors during and after; the whole run's
 * answers; the invariants) and {@code <label>.svg} (answers per second with the faults marked).
 */
public final class ChaosReport {

    /** What one fault cost, in seconds of the run (by send time). */
    public record Cost(
            ChaosInjector.Done done, long startSecond, long endSecond, long healthyAfter, long[] during, long[] after) {

        /** Seconds from the fault's end until answers were 201 again; -1 if not before the next fault. */
        public long recovery() {
            return healthyAfter < 0 ? -1 : Math.max(0, healthyAfter - endSecond);
        }
    }

    public record Run(
            String label,
            String command,
            Map<String, Object> settings,
            List<ChaosInjector.Done> faults,
            AnswerTimeline timeline,
            LoadGenerator.Result load,
            InvariantChecker.Report invariants,
            String loadBefore,
            String loadAfter) {}

    private static final List<Outcome> FAILED =
            List.of(Outcome.TIMEOUT_504, Outcome.SHED_503, Outcome.CONNECTION_ERROR, Outcome.SERVER_ERROR);

    private ChaosReport() {}

    /** Each fault's cost: its window, and the answers until two clean seconds with 201s came back. */
    public static List<Cost> costs(List<ChaosInjector.Done> faults, AnswerTimeline timeline, long loadSeconds) {
        List<Cost> costs = new java.util.ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            ChaosInjector.Done d = faults.get(i);
            long start = timeline.secondOf(d.startNanos());
            long end = timeline.secondOf(d.endNanos());
            long next =
                    i + 1 < faults.size() ? timeline.secondOf(faults.get(i + 1).startNanos()) : loadSeconds;
            long healthy = timeline.healthyFrom(end, next);
            long afterEnd = healthy < 0 ? next : healthy;
            long[] during = new long[FAILED.size()];
            long[] after = new long[FAILED.size()];
            for (int k = 0; k < FAILED.size(); k++) {
                during[k] = timeline.count(start, end + 1, FAILED.get(k));
                after[k] = timeline.count(end + 1, Math.max(end + 1, afterEnd), FAILED.get(k));
            }
            costs.add(new Cost(d, start, end, healthy, during, after));
        }
        return costs;
    }

    public static String markdown(Run run, List<Cost> costs) {
        var load = run.load();
        long total = load.overall().count();
        long t504 = load.outcomes().getOrDefault(Outcome.TIMEOUT_504, 0L);
        long t503 = load.outcomes().getOrDefault(Outcome.SHED_503, 0L);
        StringBuilder md = new StringBuilder();
        md.append("## ").append(run.label()).append("\n\n");
        md.append("`").append(run.command()).append("`  \n");
        md.append("Environment: ").append(Report.environment()).append("  \n");
        md.append("Settings: ").append(run.settings()).append("  \n");
        md.append("Machine load (1/5/15 min) before: ")
                .append(run.loadBefore())
                .append(", after: ")
                .append(run.loadAfter())
                .append("\n\n");
        md.append(String.format(
                Locale.ROOT,
                "%d answers in %.0f s: %s; 504: %d (%.2f%%), 503: %d (%.2f%%), failures (5xx + connection errors): %d;"
                        + " p50 %.1f ms, p99 %.1f ms%n%n",
                total,
                load.elapsed().toMillis() / 1000.0,
                load.outcomes(),
                t504,
                100.0 * t504 / Math.max(1, total),
                t503,
                100.0 * t503 / Math.max(1, total),
                load.failures(),
                load.overall().p50(),
                load.overall().p99()));
        md.append("![answers per second, faults marked](")
                .append(stem(run.label()))
                .append(".svg)\n\n");
        md.append("Per fault (seconds of the run, by the second a request was sent; *after* = from the fault's"
                + " end until two seconds in a row answered 201s and nothing else failed):\n\n");
        md.append("| # | at s | what | over at s | how | 201 again after its end | 504 during / after |"
                + " 503 during / after | errors during / after |\n");
        md.append("|---:|---:|---|---:|---|---:|---:|---:|---:|\n");
        for (Cost c : costs) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %s | %d | %s | %s | %d / %d | %d / %d | %d / %d |%n",
                    c.done().fault().number(),
                    c.startSecond(),
                    c.done().fault().describe(),
                    c.endSecond(),
                    String.join("; ", c.done().notes()).replace("|", "/"),
                    c.recovery() < 0 ? "**not before the next fault**" : c.recovery() + " s",
                    c.during()[0],
                    c.after()[0],
                    c.during()[1],
                    c.after()[1],
                    c.during()[2] + c.during()[3],
                    c.after()[2] + c.after()[3]));
        }
        long worst = costs.stream().mapToLong(Cost::recovery).max().orElse(0);
        boolean allRecovered = costs.stream().allMatch(c -> c.recovery() >= 0);
        md.append(String.format(
                Locale.ROOT,
                "%n%d faults; answers 201 again at most %s after a fault ended.%n",
                costs.size(),
                allRecovered ? worst + " s" : "(one did not recover before the next fault)"));
        md.append(Report.invariants(run.invariants()));
        md.append("\nInvariants: ")
                .append(run.invariants().pass() ? "all PASS" : "**some FAIL**")
                .append('\n');
        return md.toString();
    }

    public static Path write(Path dir, Run run) throws IOException {
        Files.createDirectories(dir);
        long seconds = run.load().elapsed().toSeconds();
        List<Cost> costs = costs(run.faults(), run.timeline(), seconds);
        Path md = dir.resolve(stem(run.label()) + ".md");
        Files.writeString(md, markdown(run, costs));
        Files.writeString(
                dir.resolve(stem(run.label()) + ".svg"),
                ChaosChart.svg(
                        run.label() + ": answers per second, faults marked", run.timeline(), seconds, run.faults()));
        return md;
    }

    static String stem(String label) {
        return label.replaceAll("[^A-Za-z0-9._-]+", "-");
    }
}
