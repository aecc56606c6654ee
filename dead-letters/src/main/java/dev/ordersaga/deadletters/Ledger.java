package dev.ordersaga.deadletters;

import java.util.Arrays;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which records of one dead-letter partition were re-driven, kept where Kafka keeps a consumer
 * group's progress: the committed offset says every record below it was re-driven, and the commit's
 * metadata lists the re-driven offsets above it (a selection re-driven out of order). Re-driving
 * the record at the committed offset moves the offset past every listed one that follows, so the
 * list stays short; Kafka allows 4096 characters of metadata by default.
 */
final class Ledger {

    /** Kafka's default {@code offset.metadata.max.bytes}. */
    static final int MAX_METADATA = 4096;

    private long below;
    private final TreeSet<Long> above = new TreeSet<>();

    private Ledger(long below) {
        this.below = below;
    }

    /** The ledger of a partition whose group committed {@code offset} with {@code metadata}. */
    static Ledger of(long offset, String metadata) {
        Ledger ledger = new Ledger(offset);
        if (metadata != null && !metadata.isBlank()) {
            Arrays.stream(metadata.split(","))
                    .map(String::trim)
                    .filter(s -> s.matches("\\d{1,19}"))
                    .map(Long::parseLong)
                    .filter(o -> o >= offset)
                    .forEach(ledger.above::add);
        }
        return ledger;
    }

    boolean done(long offset) {
        return offset < below || above.contains(offset);
    }

    void mark(long offset) {
        if (done(offset)) {
            return;
        }
        above.add(offset);
        while (above.remove(below)) {
            below++;
        }
    }

    /** How many of the records in [start, end) are not re-driven yet. */
    long waiting(long start, long end) {
        long from = Math.max(start, below);
        if (from >= end) {
            return 0;
        }
        long doneAbove = above.subSet(from, end).size();
        return end - from - doneAbove;
    }

    long offset() {
        return below;
    }

    String metadata() {
        String text = above.stream().map(String::valueOf).collect(Collectors.joining(","));
        if (text.length() > MAX_METADATA) {
            throw new IllegalStateException("too many records re-driven out of order on one partition (" + above.size()
                    + "); re-drive the oldest waiting record first");
        }
        return text;
    }
}
