package dev.ordersaga.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.JsonNode;

/**
 * The answers a run got that its mix did not ask for: anything but 201 to a valid order, 402 to a
 * declined one, 409 to one out of stock, 400 to a bad one. A 401, a 500, a 503 or 504, no answer at
 * all. Counted per kind of answer, the HTTP status with its RFC 9457 problem's {@code code}, {@code
 * title} and {@code type} (without an answer: the exception), each kind with one example (when its
 * request was sent, which kind of request, the first line of the problem's {@code detail}) and its
 * count per second of the run, by the second the request was sent.
 *
 * <p>Memory stays bounded whatever the run meets: about {@link #MAX_KINDS} kinds (two threads may
 * both add the last one; answers of further kinds are counted together, per status), one example
 * each, and per kind a count for each second in which it occurred.
 *
 * <p>This class counts; {@link AnswerKinds} says what kind an answer is, {@link UnexpectedAnswersTable} shows
 * the counts in a report.
 */
public final class UnexpectedAnswers {

    /** The most kinds kept apart; further ones are counted per status only. */
    static final int MAX_KINDS = 40;

    /**
     * One kind of answer.
     *
     * @param status the HTTP status; 0 when there was no answer
     * @param code the problem's {@code code} (this system's stable name for it); the order's {@code
     *     status} of a 2xx; without an answer, the exception's class
     * @param title the problem's {@code title}; without an answer, the exception's message
     * @param type the problem's {@code type}, null when it is {@code about:blank} or absent
     */
    public record Kind(int status, String code, String title, String type) {

        /** The answers of further kinds than {@link #MAX_KINDS}, with this status. */
        static Kind more(int status) {
            return new Kind(status, null, "(further kinds, counted together)", null);
        }

        /** {@code 401 UNAUTHORIZED "Unauthorized"}, {@code no answer HttpConnectTimeoutException ...}. */
        public String describe() {
            StringBuilder text = new StringBuilder(status == 0 ? "no answer" : Integer.toString(status));
            if (code != null) {
                text.append(' ').append(code);
            }
            if (title != null && !title.isEmpty()) {
                text.append(" \"").append(title).append('"');
            }
            if (type != null) {
                text.append(" (").append(type).append(')');
            }
            return text.toString();
        }
    }

    /**
     * The first answer of a kind that was recorded.
     *
     * @param atSecond when its request was sent, in seconds of the run
     * @param request the kind of request it answered
     * @param detail the first line of the problem's {@code detail} (of the body when it is no problem;
     *     the exception's message without an answer), cut to {@link AnswerKinds#MAX_TEXT} characters
     */
    public record Example(double atSecond, Mix.Kind request, String detail) {}

    /**
     * All the answers of one kind.
     *
     * @param outcome what the run counted them as
     * @param count how many
     * @param firstSecond the earliest second of the run in which a request answered so was sent
     * @param lastSecond the latest one
     * @param perSecond how many in each second (by the second the request was sent) that had any
     */
    public record Entry(
            Kind kind,
            Outcome outcome,
            long count,
            Example example,
            long firstSecond,
            long lastSecond,
            NavigableMap<Long, Long> perSecond) {

        public Entry {
            perSecond = java.util.Collections.unmodifiableNavigableMap(new TreeMap<>(perSecond));
        }

        /** Answers of this kind to requests sent in the seconds {@code [from, to)}. */
        public long countIn(long from, long to) {
            if (to <= from) {
                return 0;
            }
            return perSecond.subMap(from, true, to, false).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }

    private static final class Tally {
        final Outcome outcome;
        final Example example;
        final LongAdder count = new LongAdder();
        final Map<Long, LongAdder> perSecond = new ConcurrentHashMap<>();
        final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

        Tally(Outcome outcome, Example example) {
            this.outcome = outcome;
            this.example = example;
        }

        void add(long second) {
            count.increment();
            perSecond.computeIfAbsent(second, s -> new LongAdder()).increment();
            first.accumulateAndGet(second, Math::min);
            last.accumulateAndGet(second, Math::max);
        }

        Entry entry(Kind kind) {
            TreeMap<Long, Long> seconds = new TreeMap<>();
            perSecond.forEach((second, n) -> seconds.put(second, n.sum()));
            return new Entry(kind, outcome, count.sum(), example, first.get(), last.get(), seconds);
        }
    }

    private final Map<Kind, Tally> tallies = new ConcurrentHashMap<>();

    /** Whether {@code status} is the answer a request of this kind is sent to get. */
    public static boolean intended(Mix.Kind request, int status) {
        return status == request.intended();
    }

    /**
     * An answer to a request of kind {@code request} sent {@code sentNanos} after second 0 of the
     * run; counted if it is not the one the request asked for.
     *
     * @param contentType the answer's {@code Content-Type}, null if none
     * @param json its body parsed, null if the body is no JSON
     * @param body its body as text, for the example when it is no problem detail
     * @return whether it was unexpected (and so counted)
     */
    public boolean answered(
            Mix.Kind request, int status, String contentType, JsonNode json, String body, long sentNanos) {
        Objects.requireNonNull(request, "request");
        if (intended(request, status)) {
            return false;
        }
        count(
                AnswerKinds.of(status, contentType, json),
                Outcome.of(status),
                request,
                AnswerKinds.detail(json, body),
                sentNanos);
        return true;
    }

    /** A request of kind {@code request} that got no answer: {@code error} says why. */
    public void unanswered(Mix.Kind request, Throwable error, long sentNanos) {
        Objects.requireNonNull(request, "request");
        Kind kind = AnswerKinds.of(error);
        count(kind, Outcome.CONNECTION_ERROR, request, kind.title(), sentNanos);
    }

    /** A request of kind {@code request} that the client itself did not send ({@code reason}). */
    public void unsent(Mix.Kind request, String reason, long sentNanos) {
        Objects.requireNonNull(request, "request");
        Kind kind = AnswerKinds.unsent(reason);
        count(kind, Outcome.CONNECTION_ERROR, request, kind.title(), sentNanos);
    }

    /** Every kind counted so far, the most frequent first. */
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        tallies.forEach((kind, tally) -> entries.add(tally.entry(kind)));
        entries.sort(Comparator.comparingLong((Entry e) -> e.count())
                .reversed()
                .thenComparingInt(e -> e.kind().status())
                .thenComparing(e -> e.kind().describe()));
        return List.copyOf(entries);
    }

    /** How many kinds are kept apart (at most {@link #MAX_KINDS}, plus one "further kinds" per status). */
    int kinds() {
        return tallies.size();
    }

    private void count(Kind kind, Outcome outcome, Mix.Kind request, String detail, long sentNanos) {
        long second = Math.floorDiv(sentNanos, TimeUnit.SECONDS.toNanos(1));
        Kind kept = tallies.containsKey(kind) || tallies.size() < MAX_KINDS ? kind : Kind.more(kind.status());
        tallies.computeIfAbsent(
                        kept,
                        k -> new Tally(outcome, new Example(sentNanos / 1e9, request, detail == null ? "" : detail)))
                .add(second);
    }
}
