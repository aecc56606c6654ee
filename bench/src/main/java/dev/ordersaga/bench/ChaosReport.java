package dev.ordersaga.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of a chaos run: {@code <label>.md} (every fault: what was hit, how long it lasted,
 * how soon answers were 201 again, its 504s, 503s and errors during and after, and which other
 * answers the mix did not ask for; the whole run's answers, the unexpected ones by status and
 * problem; the invariants) and {@code <label>.svg} (answers per second with the faults marked).
 */
public final class ChaosReport {

    /**
     * What one fault cost, in seconds of the run (by send time).
     *
     * @param during its 504s, 503s, connection errors and other 5xx, from its start to its end
     * @param after the same from its end until answers were 201 again (or the next fault)
     * @param unexpected the answers the mix did not ask for other than 503 and 504, per kind, during
     *     / after ({@code 401 UNAUTHORIZED 590 / 160; 500 INTERNAL_ERROR 151 / 0}); empty if none
     * @param timeoutsByGateway with several gateways, the 504s during / after of each ({@code :9080 3 / 0,
     *     :9180 41 / 2}); empty with one
     */
    public record Cost(
            ChaosInjector.Done done,
            long startSecond,
            long endSecond,
            long healthyAfter,
            long[] during,
            long[] after,
            String unexpected,
            String timeoutsByGateway) {

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
        return costs(faults, timeline, loadSeconds, List.of());
    }

    /** The same, with the unexpected answers of each fault's window by kind. */
    public static List<Cost> costs(
            List<ChaosInjector.Done> faults,
            AnswerTimeline timeline,
            long loadSeconds,
            List<UnexpectedAnswers.Entry> unexpected) {
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
            costs.add(new Cost(
                    d,
                    start,
                    end,
                    healthy,
                    during,
                    after,
                    unexpected(unexpected, start, end + 1, afterEnd),
                    timeoutsByGateway(timeline, start, end, afterEnd)));
        }
        return costs;
    }

    /** With several gateways, each one's 504s of requests sent in {@code [start, end]} / after until {@code afterEnd}. */
    static String timeoutsByGateway(AnswerTimeline timeline, long start, long end, long afterEnd) {
        var gateways = timeline.byGateway();
        if (gateways.size() < 2) {
            return "";
        }
        List<String> parts = new java.util.ArrayList<>();
        gateways.forEach((name, own) -> parts.add(shortName(name) + " "
                + own.count(start, end + 1, Outcome.TIMEOUT_504) + " / "
                + own.count(end + 1, Math.max(end + 1, afterEnd), Outcome.TIMEOUT_504)));
        return String.join(", ", parts);
    }

    /** {@code localhost:9180} as {@code :9180}: the port tells the local gateways apart. */
    static String shortName(String gateway) {
        return gateway.startsWith("localhost:") ? gateway.substring("localhost".length()) : gateway;
    }

    /** The most kinds a fault's row names; the rest are counted in a "+N more". */
    static final int KINDS_PER_FAULT = 4;

    /**
     * The unexpected answers but 503s and 504s (they have their own columns) of requests sent in
     * {@code [from, end)} / {@code [end, afterEnd)}, per kind, the most frequent first.
     */
    static String unexpected(List<UnexpectedAnswers.Entry> entries, long from, long end, long afterEnd) {
        record Seen(UnexpectedAnswers.Kind kind, long during, long after) {}
        List<Seen> seen = new java.util.ArrayList<>();
        for (UnexpectedAnswers.Entry e : entries) {
            int status = e.kind().status();
            if (status == 503 || status == 504) {
                continue;
            }
            long during = e.countIn(from, end);
            long after = e.countIn(end, Math.max(end, afterEnd));
            if (during + after > 0) {
                seen.add(new Seen(e.kind(), during, after));
            }
        }
        seen.sort(java.util.Comparator.comparingLong((Seen s) -> s.during() + s.after())
                .reversed());
        List<String> parts = new java.util.ArrayList<>();
        for (Seen s : seen.subList(0, Math.min(KINDS_PER_FAULT, seen.size()))) {
            UnexpectedAnswers.Kind k = s.kind();
            parts.add((k.status() == 0 ? "no answer" : Integer.toString(k.status())) + " "
                    + (k.code() != null ? k.code() : k.title()) + " " + s.during() + " / " + s.after());
        }
        if (seen.size() > KINDS_PER_FAULT) {
            parts.add("+" + (seen.size() - KINDS_PER_FAULT) + " more kinds");
        }
        return String.join("; ", parts).replace("|", "/");
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
                        + " p50 %.1f ms, p99 %.1f ms%n",
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
        var gateways = run.timeline().byGateway();
        if (gateways.size() > 1) {
            List<String> parts = new java.util.ArrayList<>();
            gateways.forEach((name, own) -> parts.add(String.format(
                    Locale.ROOT, "%s %d of %d", shortName(name), own.count(Outcome.TIMEOUT_504), own.total())));
            md.append("504 by gateway (each one's buyers): ")
                    .append(String.join(", ", parts))
                    .append("\n\n");
        }
        md.append(UnexpectedAnswersTable.markdown(load.unexpected())).append('\n');
        md.append("![answers per second, faults marked](")
                .append(stem(run.label()))
                .append(".svg)\n\n");
        md.append("Per fault (seconds of the run, by the second a request was sent; *after* = from the fault's"
                + " end until two seconds in a row answered 201s and nothing else failed; *errors* = connection"
                + " errors and 5xx but 503/504; *other unexpected* = the answers of the table above but 503/504):\n\n");
        md.append("| # | at s | what | over at s | how | 201 again after its end | 504 during / after |"
                + " 503 during / after | errors during / after | other unexpected during / after |\n");
        md.append("|---:|---:|---|---:|---|---:|---:|---:|---:|---|\n");
        for (Cost c : costs) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %s | %d | %s | %s | %d / %d%s | %d / %d | %d / %d | %s |%n",
                    c.done().fault().number(),
                    c.startSecond(),
                    c.done().fault().describe(),
                    c.endSecond(),
                    String.join("; ", c.done().notes()).replace("|", "/"),
                    c.recovery() < 0 ? "**not before the next fault**" : c.recovery() + " s",
                    c.during()[0],
                    c.after()[0],
                    c.timeoutsByGateway().isEmpty() ? "" : " (" + c.timeoutsByGateway() + ")",
                    c.during()[1],
                    c.after()[1],
                    c.during()[2] + c.during()[3],
                    c.after()[2] + c.after()[3],
                    c.unexpected()));
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
        List<Cost> costs =
                costs(run.faults(), run.timeline(), seconds, run.load().unexpected());
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
