package dev.ordersaga.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
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
 */
public final class UnexpectedAnswers {

    /** The most kinds kept apart; further ones are counted per status only. */
    static final int MAX_KINDS = 40;

    /** Texts kept (title, detail, an exception's message) are cut to this many characters. */
    static final int MAX_TEXT = 120;

    static final String PROBLEM_JSON = "application/problem+json";

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
     *     the exception's message without an answer), cut to {@link #MAX_TEXT} characters
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
        boolean problem =
                contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(PROBLEM_JSON);
        String code = text(json, "code");
        if (code == null && status < 300) {
            code = text(json, "status");
        }
        String title = text(json, "title");
        if (title == null) {
            title = "no problem detail (" + (contentType == null ? "no Content-Type" : contentType) + ")";
        } else if (!problem) {
            title = title + " (as " + (contentType == null ? "no Content-Type" : contentType) + ")";
        }
        String type = text(json, "type");
        if ("about:blank".equals(type)) {
            type = null;
        }
        String detail = json != null && json.has("detail") ? text(json, "detail") : firstLine(body);
        count(new Kind(status, code, title, type), Outcome.of(status), request, detail, sentNanos);
        return true;
    }

    /** A request of kind {@code request} that got no answer: {@code error} says why. */
    public void unanswered(Mix.Kind request, Throwable error, long sentNanos) {
        Objects.requireNonNull(request, "request");
        Throwable cause = unwrap(error);
        String message = cause == null ? null : firstLine(cause.getMessage());
        if (message == null && cause != null && cause.getCause() != null) {
            message = cause.getCause().getClass().getSimpleName()
                    + (cause.getCause().getMessage() == null
                            ? ""
                            : ": " + firstLine(cause.getCause().getMessage()));
        }
        String code = cause == null ? "unknown" : cause.getClass().getSimpleName();
        count(
                new Kind(0, code, message == null ? "" : message, null),
                Outcome.CONNECTION_ERROR,
                request,
                message,
                sentNanos);
    }

    /** A request of kind {@code request} that the client itself did not send ({@code reason}). */
    public void unsent(Mix.Kind request, String reason, long sentNanos) {
        Objects.requireNonNull(request, "request");
        count(new Kind(0, "client", cut(reason), null), Outcome.CONNECTION_ERROR, request, cut(reason), sentNanos);
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

    /** The exception that says what happened, out of the wrappers an asynchronous call puts around it. */
    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while (e != null && e.getCause() != null && e.getCause() != e) {
            boolean wrapper = e instanceof CompletionException
                    || e instanceof ExecutionException
                    || e instanceof UncheckedIOException
                    || (e instanceof IllegalStateException && e.getCause() instanceof IOException);
            if (!wrapper) {
                break;
            }
            e = e.getCause();
        }
        return e;
    }

    private static String text(JsonNode json, String field) {
        if (json == null || !json.isObject()) {
            return null;
        }
        JsonNode value = json.get(field);
        return value == null || value.isNull() || value.isContainer() ? null : firstLine(value.asString());
    }

    /** The first line of {@code text}, cut to {@link #MAX_TEXT} characters; null stays null. */
    static String firstLine(String text) {
        if (text == null) {
            return null;
        }
        String line = text.strip();
        int end = line.indexOf('\n');
        if (end >= 0) {
            line = line.substring(0, end).strip();
        }
        return cut(line);
    }

    private static String cut(String text) {
        if (text == null) {
            return null;
        }
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT - 1) + "…" : text;
    }

    /**
     * A report's table: one row per kind, the most frequent first (or a line saying there were
     * none).
     */
    public static String markdown(List<Entry> entries) {
        StringBuilder md = new StringBuilder("\nUnexpected answers (anything but what the request was sent to get:"
                + " 201 valid, 402 declined, 409 out of stock, 400 bad request), by status and problem;"
                + " seconds of the run by the second the request was sent: ");
        if (entries.isEmpty()) {
            return md.append("none.\n").toString();
        }
        md.append("\n\n| status | code | title | answers | counted as | first / last at s | example |\n");
        md.append("|---:|---|---|---:|---|---:|---|\n");
        for (Entry e : entries) {
            Kind k = e.kind();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %d | %s | %d / %d | %s |%n",
                    k.status() == 0 ? "no answer" : Integer.toString(k.status()),
                    cell(k.code()),
                    cell(k.title() + (k.type() == null ? "" : " (" + k.type() + ")")),
                    e.count(),
                    e.outcome(),
                    e.firstSecond(),
                    e.lastSecond(),
                    cell(example(e.example()))));
        }
        return md.toString();
    }

    /** {@code valid order sent at 496.2 s: A valid bearer token is required ...}. */
    static String example(Example example) {
        return String.format(
                Locale.ROOT,
                "%s order sent at %.1f s: %s",
                example.request().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                example.atSecond(),
                example.detail());
    }

    /** The same, for a report's JSON. */
    public static List<Map<String, Object>> json(List<Entry> entries) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("status", e.kind().status());
            row.put("code", e.kind().code());
            row.put("title", e.kind().title());
            row.put("type", e.kind().type());
            row.put("outcome", e.outcome().name());
            row.put("count", e.count());
            row.put("first_second", e.firstSecond());
            row.put("last_second", e.lastSecond());
            Map<String, Object> example = new LinkedHashMap<>();
            example.put("sent_at_s", Math.round(e.example().atSecond() * 1000) / 1000.0);
            example.put("request", e.example().request().name());
            example.put("detail", e.example().detail());
            row.put("example", example);
            list.add(row);
        }
        return list;
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "/").replace("\n", " ");
    }
}
