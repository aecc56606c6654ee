package dev.ordersaga.support.tracing;

import brave.sampler.CountingSampler;
import brave.sampler.Sampler;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * Every new trace up to a number per second, then a share of the rest: the orders a person makes
 * by hand are all traced, while a load of hundreds per second costs only a sample. The decision is
 * made once, where a trace starts (the gateway), and the services downstream follow it.
 *
 * <p>The rate is a token bucket (Bucket4j) holding a second's worth, so a burst is traced whole: a
 * client that creates a product, logs in and orders within a few milliseconds gets all three
 * traces. Brave's {@code RateLimitingSampler} spreads its rate over tenths of a second instead (one
 * trace in the first 100 ms at 10/s), which left such an order untraced. The share of the rest is
 * Brave's {@link CountingSampler} (exact per hundred).
 */
public final class RateThenShareSampler extends Sampler {

    private final Bucket first;
    private final Sampler rest;

    public RateThenShareSampler(int tracesPerSecond, float shareOfTheRest) {
        this(tracesPerSecond, shareOfTheRest, TimeMeter.SYSTEM_NANOTIME);
    }

    RateThenShareSampler(int tracesPerSecond, float shareOfTheRest, TimeMeter time) {
        this.first = tracesPerSecond == 0
                ? null
                : Bucket.builder()
                        .addLimit(limit ->
                                limit.capacity(tracesPerSecond).refillGreedy(tracesPerSecond, Duration.ofSeconds(1)))
                        .withCustomTimePrecision(time)
                        .build();
        this.rest = CountingSampler.create(shareOfTheRest);
    }

    @Override
    public boolean isSampled(long traceId) {
        return (first != null && first.tryConsume(1)) || rest.isSampled(traceId);
    }
}
