package dev.ordersaga.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The faults of a chaos run, drawn from a seed so a run can be replayed: at random moments (a
 * random gap after the previous fault ended) one component, sometimes two at once, is SIGKILLed
 * (and restarted by the stack's supervisor) or frozen (SIGSTOP for a random time, then SIGCONT).
 */
public final class ChaosPlan {

    public enum Kind {
        KILL,
        FREEZE
    }

    /** One component hit: {@code target} as the stack names it ({@code kafka}, {@code order-service#1}). */
    public record Hit(String target, Kind kind, Duration freeze) {
        public String describe() {
            return kind == Kind.KILL ? "SIGKILL " + target : "SIGSTOP " + target + " " + freeze.toSeconds() + " s";
        }
    }

    /** One fault: its hits start together, {@code at} after the load began. */
    public record Fault(int number, Duration at, List<Hit> hits) {
        /** How long its freezes last (a kill lasts until the restarted process is ready: unknown here). */
        public Duration frozenFor() {
            return hits.stream().map(Hit::freeze).max(Duration::compareTo).orElse(Duration.ZERO);
        }

        public String describe() {
            return String.join(" + ", hits.stream().map(Hit::describe).toList());
        }
    }

    /**
     * @param gapMin shortest time from one fault's planned end to the next fault
     * @param killShare the share of hits that are SIGKILLs (the others are freezes)
     * @param doubleShare the share of faults that hit two components at once
     * @param quietEnd no fault is planned to end later than this before the end of the load, so its
     *     recovery is seen
     */
    public record Settings(
            Duration duration,
            Duration gapMin,
            Duration gapMax,
            Duration freezeMin,
            Duration freezeMax,
            double killShare,
            double doubleShare,
            Duration quietEnd,
            long seed) {}

    private ChaosPlan() {}

    public static List<Fault> plan(Settings s, List<String> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no component to hit (is the stack running? are its pid files there?)");
        }
        Random random = new Random(s.seed());
        List<Fault> faults = new ArrayList<>();
        long at = between(random, s.gapMin(), s.gapMax());
        long end = s.duration().toSeconds() - s.quietEnd().toSeconds();
        while (true) {
            List<Hit> hits = new ArrayList<>();
            String first = targets.get(random.nextInt(targets.size()));
            hits.add(hit(random, s, first));
            if (targets.size() > 1 && random.nextDouble() < s.doubleShare()) {
                String second;
                do {
                    second = targets.get(random.nextInt(targets.size()));
                } while (second.equals(first));
                hits.add(hit(random, s, second));
            }
            Fault fault = new Fault(faults.size() + 1, Duration.ofSeconds(at), List.copyOf(hits));
            if (at + fault.frozenFor().toSeconds() > end) {
                return List.copyOf(faults);
            }
            faults.add(fault);
            at += fault.frozenFor().toSeconds() + between(random, s.gapMin(), s.gapMax());
        }
    }

    private static Hit hit(Random random, Settings s, String target) {
        if (random.nextDouble() < s.killShare()) {
            return new Hit(target, Kind.KILL, Duration.ZERO);
        }
        return new Hit(target, Kind.FREEZE, Duration.ofSeconds(between(random, s.freezeMin(), s.freezeMax())));
    }

    private static long between(Random random, Duration min, Duration max) {
        long lo = min.toSeconds();
        long hi = Math.max(lo, max.toSeconds());
        return lo + (long) random.nextInt((int) (hi - lo + 1));
    }
}
