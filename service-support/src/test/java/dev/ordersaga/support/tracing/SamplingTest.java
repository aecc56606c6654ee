package dev.ordersaga.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import brave.sampler.Sampler;
import dev.ordersaga.support.mongo.MongoTracingAutoConfiguration;
import dev.ordersaga.testsupport.ManualTimeMeter;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What is traced: every trace up to a rate, then a share; MongoDB command spans only when asked. */
class SamplingTest {

    private static long sampled(Sampler sampler, int decisions) {
        return LongStream.range(0, decisions).filter(sampler::isSampled).count();
    }

    @Test
    void every_trace_up_to_the_rate_then_the_share_of_the_rest() {
        assertThat(sampled(new RateThenShareSampler(0, 1f), 1_000)).isEqualTo(1_000);
        assertThat(sampled(new RateThenShareSampler(0, 0f), 1_000)).isZero();
        // the clock stands still: the rate's 5 at once, then nothing but the share
        assertThat(sampled(new RateThenShareSampler(5, 0f, new ManualTimeMeter()), 1_000))
                .isEqualTo(5);
        // the rate first, then 10% of the other 995: Brave's counting sampler takes exactly 10 of every 100, at
        // random places, so 90 of the first 900 and 5 to 10 of the last 95
        assertThat(sampled(new RateThenShareSampler(5, 0.1f, new ManualTimeMeter()), 1_000))
                .isBetween(100L, 105L);
    }

    @Test
    void a_burst_within_a_second_is_traced_whole_and_the_rate_comes_back_with_time() {
        ManualTimeMeter clock = new ManualTimeMeter();
        RateThenShareSampler sampler = new RateThenShareSampler(10, 0f, clock);
        // a product created, a login and an order within a millisecond: all three traced
        assertThat(sampled(sampler, 3)).isEqualTo(3);
        assertThat(sampled(sampler, 20)).isEqualTo(7);
        clock.advance(Duration.ofMillis(300));
        assertThat(sampled(sampler, 20)).isEqualTo(3);
        clock.advance(Duration.ofSeconds(5));
        assertThat(sampled(sampler, 20))
                .as("a rested sampler holds a second's worth, no more")
                .isEqualTo(10);
    }

    final ApplicationContextRunner tracing = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SamplingAutoConfiguration.class, BraveAutoConfiguration.class));

    @Test
    void brave_uses_the_services_sampler_with_the_settings() {
        tracing.withPropertyValues("saga.tracing.sampling.rate=3", "management.tracing.sampling.probability=0")
                .run(context -> {
                    assertThat(context).hasSingleBean(Sampler.class);
                    Sampler sampler = context.getBean(Sampler.class);
                    assertThat(sampler).isInstanceOf(RateThenShareSampler.class);
                    assertThat(sampled(sampler, 100)).isBetween(3L, 6L);
                });
        tracing.withPropertyValues("saga.tracing.sampling.rate=-1")
                .run(context -> assertThat(context).hasFailed());
    }

    final ApplicationContextRunner mongo = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MongoTracingAutoConfiguration.class))
            .withBean(ObservationRegistry.class, ObservationRegistry::create);

    @Test
    void mongodb_command_spans_only_when_asked_for() {
        mongo.run(context -> assertThat(context).doesNotHaveBean("sagaMongoObservation"));
        mongo.withPropertyValues("saga.tracing.mongo-commands=true")
                .run(context -> assertThat(context).hasBean("sagaMongoObservation"));
    }
}
