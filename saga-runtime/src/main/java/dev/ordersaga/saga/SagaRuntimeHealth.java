package dev.ordersaga.saga;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Whether the saga's consumers are held up by an outage of the store or the broker. While one is,
 * health says {@code DEGRADED} (answered with HTTP 200: the service is alive and will catch up by
 * itself, restarting it would not help) with the error and since when; {@code
 * saga.runtime.outages} counts the failed attempts and {@code saga.runtime.degraded} is 1.
 */
public class SagaRuntimeHealth extends AbstractHealthIndicator {

    public static final Status DEGRADED = new Status("DEGRADED", "held up by an outage of the store or the broker");

    private record Outage(Instant since, String error) {}

    private final AtomicReference<Outage> outage = new AtomicReference<>();
    private final Clock clock;
    private final Counter failures;

    public SagaRuntimeHealth(MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.failures = Counter.builder("saga.runtime.outages")
                .description(
                        "Batches that failed because the store or the broker was unavailable (retried, never dead-lettered)")
                .register(meters);
        Gauge.builder("saga.runtime.degraded", outage, o -> o.get() == null ? 0 : 1)
                .description("1 while the saga's consumers wait for the store or the broker to come back")
                .register(meters);
    }

    /** A batch failed because of an outage; it will be retried. */
    public void outage(Throwable error) {
        failures.increment();
        String text = error.getClass().getSimpleName() + ": " + error.getMessage();
        outage.updateAndGet(o -> o == null ? new Outage(clock.instant(), text) : new Outage(o.since(), text));
    }

    /** A batch went through: whatever outage there was is over. */
    public void working() {
        if (outage.get() != null) {
            outage.set(null);
        }
    }

    public boolean degraded() {
        return outage.get() != null;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Outage current = outage.get();
        if (current == null) {
            builder.up();
        } else {
            builder.status(DEGRADED)
                    .withDetail("since", current.since().toString())
                    .withDetail("error", current.error());
        }
    }
}
