package dev.ordersaga.support.tracing;

import brave.sampler.CountingSampler;
import brave.sampler.RateLimitingSampler;
import brave.sampler.Sampler;

/**
 * Every new trace up to a number per second, then a share of the rest: the orders a person makes
 * by hand are all traced, while a load of hundreds per second costs only a sample. Both halves are
 * Brave's own samplers; the decision is made once, where a trace starts (the gateway), and the
 * services downstream follow it.
 */
public final class RateThenShareSampler extends Sampler {

    private final Sampler first;
    private final Sampler rest;

    public RateThenShareSampler(int tracesPerSecond, float shareOfTheRest) {
        this.first = RateLimitingSampler.create(tracesPerSecond);
        this.rest = CountingSampler.create(shareOfTheRest);
    }

    @Override
    public boolean isSampled(long traceId) {
        return first.isSampled(traceId) || rest.isSampled(traceId);
    }
}
