package dev.ordersaga.bench;

import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Answers per second by outcome, counted in the second their request was <em>sent</em> (not
 * answered): a request sent while the broker was frozen and answered 504 ten seconds later belongs
 * to the fault, not to the seconds after it. With several gateways each also has a timeline of its
 * own ({@link #byGateway()}): a fault that costs one gateway's buyers shows which.
 */
public final class AnswerTimeline {

    private final long originNanos;
    private final Map<Long, Map<Outcome, LongAdder>> seconds = new ConcurrentHashMap<>();
    private final Map<String, AnswerTimeline> gateways = new ConcurrentHashMap<>();

    /** @param originNanos second 0 ({@link System#nanoTime()}) */
    public AnswerTimeline(long originNanos) {
        this.originNanos = originNanos;
    }

    public long originNanos() {
        return originNanos;
    }

    /** The second (from the origin) of a {@link System#nanoTime()}; negative before it. */
    public long secondOf(long nanos) {
        return Math.floorDiv(nanos - originNanos, TimeUnit.SECONDS.toNanos(1));
    }

    /**
     * An answer from the gateway named {@code gateway} (its address), counted here and in its own
     * timeline; {@code null}: a request no gateway answered or that was never sent, counted here only.
     */
    public void record(long sentNanos, Outcome outcome, String gateway) {
        record(sentNanos, outcome);
        if (gateway != null) {
            gateways.computeIfAbsent(gateway, g -> new AnswerTimeline(originNanos))
                    .record(sentNanos, outcome);
        }
    }

    /** Each gateway's own timeline, by its name; empty where answers were recorded without one. */
    public SortedMap<String, AnswerTimeline> byGateway() {
        return new TreeMap<>(gateways);
    }

    public void record(long sentNanos, Outcome outcome) {
        seconds.computeIfAbsent(secondOf(sentNanos), s -> {
                    Map<Outcome, LongAdder> m = new EnumMap<>(Outcome.class);
                    for (Outcome o : Outcome.values()) {
                        m.put(o, new LongAdder());
                    }
                    return m;
                })
                .get(outcome)
                .increment();
    }

    /** Answers of one outcome to requests sent in that second. */
    public long count(long second, Outcome outcome) {
        Map<Outcome, LongAdder> m = seconds.get(second);
        return m == null ? 0 : m.get(outcome).sum();
    }

    /** Answers to requests sent in {@code [from, to)} seconds, of one outcome. */
    public long count(long from, long to, Outcome outcome) {
        long n = 0;
        for (long s = from; s < to; s++) {
            n += count(s, outcome);
        }
        return n;
    }

    /** Answers of one outcome over the whole run. */
    public long count(Outcome outcome) {
        return seconds.values().stream().mapToLong(m -> m.get(outcome).sum()).sum();
    }

    /** Every answer over the whole run. */
    public long total() {
        return seconds.keySet().stream().mapToLong(this::total).sum();
    }

    /** Every answer to requests sent in that second. */
    public long total(long second) {
        Map<Outcome, LongAdder> m = seconds.get(second);
        return m == null ? 0 : m.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Answers that are not answers: 504, 503 and connection errors (and any 5xx). */
    public long failed(long second) {
        return count(second, Outcome.TIMEOUT_504)
                + count(second, Outcome.SHED_503)
                + count(second, Outcome.CONNECTION_ERROR)
                + count(second, Outcome.SERVER_ERROR);
    }

    /**
     * The first second at or after {@code from} (and before {@code until}) from which two seconds
     * in a row answered with 201s and nothing failed: when the system was healthy again; -1 if never.
     */
    public long healthyFrom(long from, long until) {
        for (long s = from; s + 1 < until; s++) {
            if (healthy(s) && healthy(s + 1)) {
                return s;
            }
        }
        return -1;
    }

    private boolean healthy(long second) {
        return count(second, Outcome.CONFIRMED) > 0 && failed(second) == 0;
    }

    /** The last second with any answer. */
    public long lastSecond() {
        return seconds.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
