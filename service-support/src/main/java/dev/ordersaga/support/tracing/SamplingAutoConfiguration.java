package dev.ordersaga.support.tracing;

import brave.sampler.Sampler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The services' sampler, in place of Boot's probability-only one: every trace up to
 * {@code saga.tracing.sampling.rate} per second ({@code TRACING_SAMPLING_RATE}), then
 * {@code management.tracing.sampling.probability} ({@code TRACING_SAMPLING_PROBABILITY}) of the
 * rest. A rate of 0 leaves the probability alone, as Boot does.
 */
@AutoConfiguration(
        beforeName = "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration")
@ConditionalOnClass(Sampler.class)
public class SamplingAutoConfiguration {

    static final String RATE = "saga.tracing.sampling.rate";
    static final String PROBABILITY = "management.tracing.sampling.probability";

    @Bean
    @ConditionalOnMissingBean
    Sampler sagaSampler(Environment environment) {
        int rate = environment.getProperty(RATE, Integer.class, 0);
        float probability = environment.getProperty(PROBABILITY, Float.class, 0.1f);
        if (rate < 0 || probability < 0 || probability > 1) {
            throw new IllegalArgumentException(RATE + " must be 0 or more and " + PROBABILITY + " between 0 and 1, not "
                    + rate + " and " + probability);
        }
        return new RateThenShareSampler(rate, probability);
    }
}
