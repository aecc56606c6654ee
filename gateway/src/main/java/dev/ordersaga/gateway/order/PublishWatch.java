package dev.ordersaga.gateway.order;

import java.time.Duration;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.springframework.stereotype.Component;

/**
 * The {@code OrderRequested} publishes of this instance that the broker has not acknowledged yet, so
 * admission can tell a broker that is down or frozen from a slow saga. Acknowledgements come in
 * milliseconds; when the oldest outstanding publish has waited seconds, every order sent now would
 * only wait in the producer's buffer and end in a 504 whose outcome nobody knows. Admission refuses
 * those with a 503 instead (nothing sent, so nothing ordered) until the broker acknowledges again:
 * the producer delivers what it holds as soon as the broker is back, which empties this watch.
 */
@Component
class PublishWatch {

    private final ConcurrentSkipListMap<Long, Long> outstanding = new ConcurrentSkipListMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final LongSupplier nanoTime;

    PublishWatch() {
        this(System::nanoTime);
    }

    PublishWatch(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** A publish handed to the producer; the returned ticket is given back to {@link #finished}. */
    long started() {
        long ticket = sequence.incrementAndGet();
        outstanding.put(ticket, nanoTime.getAsLong());
        return ticket;
    }

    /** The broker acknowledged the publish, or it failed: either way it no longer waits. */
    void finished(long ticket) {
        outstanding.remove(ticket);
    }

    /** How long the oldest unacknowledged publish has waited; zero when none waits. */
    Duration oldestWait() {
        var oldest = outstanding.firstEntry();
        return oldest == null ? Duration.ZERO : Duration.ofNanos(nanoTime.getAsLong() - oldest.getValue());
    }
}
