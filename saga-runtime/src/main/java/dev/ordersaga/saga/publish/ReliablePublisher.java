package dev.ordersaga.saga.publish;

import dev.ordersaga.events.Event;
import dev.ordersaga.saga.EventPublisher;
import dev.ordersaga.saga.Infrastructure;
import dev.ordersaga.support.tracing.SagaTracing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a service publishes reliably after a write outside a consumed record: the write
 * leaves the events pending ({@link PendingEvents}), {@link #publish} sends them at once and marks
 * them sent once the broker acknowledged them, and {@link #sweeping a sweep} sends again whatever
 * stayed pending (the broker was away, the process died in between). Events consumed and produced
 * inside a saga step need none of this: the runtime commits the offset only after the outcomes are
 * acknowledged, so a redelivery says them again.
 */
public class ReliablePublisher {

    private static final Logger log = LoggerFactory.getLogger(ReliablePublisher.class);

    private final EventPublisher publisher;
    private final SagaTracing tracing;

    public ReliablePublisher(EventPublisher publisher, SagaTracing tracing) {
        this.publisher = publisher;
        this.tracing = tracing;
    }

    /**
     * Sends the events a write just left pending for {@code entry}, waits for the broker and marks
     * them sent. A broker that does not take them is not the caller's failure: they stay pending and
     * the sweep sends them again.
     *
     * @return true if the broker acknowledged them
     */
    public <E> boolean publish(PendingEvents<E> pending, E entry, List<? extends Event> events, Instant now) {
        try {
            send(pending, entry, events, now);
            return true;
        } catch (RuntimeException e) {
            log.warn(
                    "events about {} not acknowledged ({}); they stay pending and will be sent again",
                    pending.key(entry),
                    e.toString());
            return false;
        }
    }

    /**
     * One sweep: reviews every due entry (in the trace it belongs to) and sends what it owes. An
     * outage ends the sweep (the next one tries again); any other failure is the entry's own and the
     * sweep goes on with the next.
     *
     * @return how many entries had their events sent
     */
    public <E> int sweep(String name, PendingEvents<E> pending, Instant now, int limit) {
        int sent = 0;
        for (E entry : pending.due(now, limit)) {
            try {
                boolean said =
                        tracing.continueTrace(pending.traceparent(entry), name + " sweep", pending.key(entry), () -> {
                            List<Event> events = pending.review(entry, now);
                            if (events.isEmpty()) {
                                return false;
                            }
                            send(pending, entry, events, now);
                            return true;
                        });
                sent += said ? 1 : 0;
            } catch (RuntimeException e) {
                // Still pending: the next sweep looks at it again.
                log.warn("{}: could not send the pending events about {}: {}", name, pending.key(entry), e.toString());
                if (Infrastructure.isOutage(e)) {
                    break;
                }
            }
        }
        return sent;
    }

    /**
     * A sweep every {@code interval} over at most {@code batch} due entries, started and stopped with
     * the application context (it stops before the store's client closes). Register it as a bean.
     */
    public <E> PendingEventsSweep sweeping(
            String name, PendingEvents<E> pending, Duration interval, int batch, Clock clock) {
        return new PendingEventsSweep(name, interval, () -> sweep(name, pending, clock.instant(), batch));
    }

    private <E> void send(PendingEvents<E> pending, E entry, List<? extends Event> events, Instant now) {
        if (!events.isEmpty()) {
            publisher.publishAll(events);
        }
        pending.sent(entry, now);
    }
}
