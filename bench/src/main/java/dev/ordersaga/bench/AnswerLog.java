package dev.ordersaga.bench;

import dev.ordersaga.seed.GatewayClient;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import tools.jackson.databind.JsonNode;

/**
 * What a {@link LoadGenerator} run got back: every answer's latency by outcome and by second, the
 * order ids the client knows of (accepted, or uncertain: a 503 naming one), what went unanswered,
 * and a few sample errors; then the run's {@link LoadGenerator.Result}.
 */
final class AnswerLog {
    private final Histogram overall = LatencySummary.newHistogram();
    private final Map<Outcome, Histogram> byOutcome = new EnumMap<>(Outcome.class);
    private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);
    private final Recorder perSecond = new Recorder(3);
    private final Map<Long, LoadGenerator.Second> timeline = new ConcurrentSkipListMap<>();
    private final Set<String> orderIds = ConcurrentHashMap.newKeySet();
    private final Set<String> uncertainIds = ConcurrentHashMap.newKeySet();
    private final LongAdder unanswered = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final UnexpectedAnswers unexpected = new UnexpectedAnswers();
    private volatile AnswerTimeline answers;
    /** Second 0 of the run, for the seconds of {@link #unexpected}: the timeline's if there is one. */
    private volatile long originNanos = System.nanoTime();

    AnswerLog() {
        for (Outcome outcome : Outcome.values()) {
            byOutcome.put(outcome, LatencySummary.newHistogram());
            counts.put(outcome, new LongAdder());
        }
    }

    /** Also counts every answer by outcome in the second its request was sent. */
    void recordingInto(AnswerTimeline timeline) {
        this.answers = timeline;
        this.originNanos = timeline.originNanos();
    }

    /** The run's load starts now: second 0 of its unexpected answers, unless a timeline gave one. */
    void startedAt(long nanos) {
        if (answers == null) {
            originNanos = nanos;
        }
    }

    void error(String error) {
        errors.add(error);
    }

    LoadGenerator.Result result(LoadGenerator.Settings settings, Duration elapsed, long sent) {
        Map<Outcome, Long> outcomeCounts = new EnumMap<>(Outcome.class);
        Map<Outcome, LatencySummary> outcomeLatency = new EnumMap<>(Outcome.class);
        counts.forEach((outcome, count) -> {
            if (count.sum() > 0) {
                outcomeCounts.put(outcome, count.sum());
                synchronized (byOutcome) {
                    outcomeLatency.put(outcome, LatencySummary.of(byOutcome.get(outcome)));
                }
            }
        });
        synchronized (overall) {
            return new LoadGenerator.Result(
                    settings,
                    elapsed,
                    sent,
                    outcomeCounts,
                    LatencySummary.of(overall),
                    outcomeLatency,
                    List.copyOf(timeline.values()),
                    Set.copyOf(orderIds),
                    accepted.sum(),
                    duplicates.sum(),
                    Set.copyOf(uncertainIds),
                    unanswered.sum(),
                    List.copyOf(errors),
                    unexpected.entries());
        }
    }

    /**
     * The answer (or, {@code response} null, the {@code error}) to a request of kind {@code request}
     * sent at {@code startedNanos} through the gateway named {@code gateway} (its host and port).
     */
    void record(HttpResponse<String> response, Throwable error, long startedNanos, Mix.Kind request, String gateway) {
        if (response == null) {
            record(Outcome.CONNECTION_ERROR, startedNanos, null, String.valueOf(error), gateway);
            unexpected.unanswered(request, error, startedNanos - originNanos);
            return;
        }
        int status = response.statusCode();
        Outcome outcome = Outcome.of(status);
        boolean intended = UnexpectedAnswers.intended(request, status);
        JsonNode json = null;
        if (outcome != Outcome.BAD_REQUEST || !intended) {
            try {
                json = GatewayClient.JSON.readTree(response.body());
            } catch (RuntimeException e) {
                json = null;
            }
        }
        String orderId = null;
        if (outcome != Outcome.BAD_REQUEST && json != null && json.has("order_id")) {
            orderId = json.get("order_id").asString();
        }
        if (!intended) {
            unexpected.answered(
                    request,
                    status,
                    response.headers().firstValue("Content-Type").orElse(null),
                    json,
                    response.body(),
                    startedNanos - originNanos);
        }
        record(
                outcome,
                startedNanos,
                orderId,
                outcome.failure() ? response.statusCode() + " " + response.body() : null,
                gateway);
    }

    /** A request of kind {@code request} due at {@code dueNanos} that the client did not send: {@code reason}. */
    void unsent(Mix.Kind request, long dueNanos, String reason) {
        record(Outcome.CONNECTION_ERROR, dueNanos, null, reason);
        unexpected.unsent(request, reason, dueNanos - originNanos);
    }

    void record(Outcome outcome, long startedNanos, String orderId, String error) {
        record(outcome, startedNanos, orderId, error, null);
    }

    private void record(Outcome outcome, long startedNanos, String orderId, String error, String gateway) {
        long micros = Math.max(1, (System.nanoTime() - startedNanos) / 1000);
        synchronized (overall) {
            overall.recordValue(Math.min(micros, overall.getHighestTrackableValue()));
        }
        synchronized (byOutcome) {
            Histogram histogram = byOutcome.get(outcome);
            histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
        }
        perSecond.recordValue(Math.min(micros, 300_000_000L));
        counts.get(outcome).increment();
        AnswerTimeline timeline = answers;
        if (timeline != null) {
            timeline.record(startedNanos, outcome, gateway);
        }
        if (orderId == null) {
            // the gateway refused before starting an order (400, 401, 403, 429, a shed 503), or nobody knows
            if (outcome == Outcome.CONNECTION_ERROR || outcome == Outcome.SERVER_ERROR) {
                unanswered.increment();
            }
        } else if (outcome == Outcome.SHED_503) {
            // "not accepted": the broker refused or did not confirm in time; the order may exist
            uncertainIds.add(orderId);
        } else {
            accepted.increment();
            if (!orderIds.add(orderId)) {
                duplicates.increment();
            }
        }
        if (error != null && errors.size() < 20) {
            errors.add(error.length() > 300 ? error.substring(0, 300) : error);
        }
    }

    void tick(long start, long sent, PrintStream progress) {
        long second = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        Histogram interval = perSecond.getIntervalHistogram();
        var summary = LatencySummary.of(interval);
        timeline.put(second, new LoadGenerator.Second(second, summary.count(), summary.p50(), summary.p99()));
        if (progress != null) {
            long ok = counts.get(Outcome.CONFIRMED).sum();
            long failed = counts.get(Outcome.SERVER_ERROR).sum()
                    + counts.get(Outcome.CONNECTION_ERROR).sum();
            progress.printf(
                    "\r  t=%3ds sent=%-7d done/s=%-5d p50=%7.1fms p99=%7.1fms confirmed=%-7d 504=%-5d failed=%-5d",
                    second,
                    sent,
                    summary.count(),
                    summary.p50(),
                    summary.p99(),
                    ok,
                    counts.get(Outcome.TIMEOUT_504).sum(),
                    failed);
            progress.flush();
        }
    }
}
