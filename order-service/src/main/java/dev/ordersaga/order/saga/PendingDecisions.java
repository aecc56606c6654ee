package dev.ordersaga.order.saga;

import dev.ordersaga.events.Event;
import dev.ordersaga.order.config.SagaSettings;
import dev.ordersaga.order.domain.Order;
import dev.ordersaga.order.store.OpenSaga;
import dev.ordersaga.order.store.OpenSagas;
import dev.ordersaga.order.store.OrderStore;
import dev.ordersaga.saga.publish.PendingEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * order-service's decisions, pending until settled, on the runtime's reliable publishing: an open
 * saga ({@link OpenSagas}) is an order whose decision is not taken yet, or not acknowledged yet by
 * every participant that held something for it. The runtime's sweep hands each due one to {@link
 * #review}, which applies order-service's own rules on top:
 *
 * <ul>
 *   <li>not decided, past its deadline: cancelled ({@code SAGA_TIMEOUT}, a write conditional on "not
 *       terminal and deadline passed", so with several instances exactly one cancels), and the
 *       decision sent;
 *   <li>not decided, not yet due: looked at again at its deadline;
 *   <li>decided and settled: closed;
 *   <li>decided, not settled: sent again (same event id) from {@code republish-after} on, with pauses
 *       that double with the decision's age, so a lost commit, release or refund heals itself.
 * </ul>
 */
@Component
public class PendingDecisions implements PendingEvents<OpenSaga> {

    private static final Logger log = LoggerFactory.getLogger(PendingDecisions.class);

    private final OrderStore store;
    private final OpenSagas openSagas;
    private final SagaSettings settings;
    private final OrderMetrics metrics;

    PendingDecisions(OrderStore store, OpenSagas openSagas, SagaSettings settings, OrderMetrics metrics) {
        this.store = store;
        this.openSagas = openSagas;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public List<OpenSaga> due(Instant now, int limit) {
        return openSagas.due(now, limit);
    }

    @Override
    public List<Event> review(OpenSaga open, Instant now) {
        Optional<Order> found = store.find(open.orderId());
        if (found.isEmpty()) {
            // The event that opened it was never stored (it failed and went to the dead-letter
            // topic, where an operator sees it): keep looking for a while, then stop.
            if (open.deadline().plus(settings.deadline()).isBefore(now)) {
                log.warn("open saga {} has no order; no longer watching it", open.orderId());
                openSagas.close(open.orderId());
            } else {
                openSagas.recheckAt(open.orderId(), now.plus(settings.deadline()));
            }
            return List.of();
        }
        Order order = found.get();
        if (!order.isTerminal()) {
            if (!order.isOverdue(now)) {
                openSagas.recheckAt(order.id(), order.deadline());
                return List.of();
            }
            return expire(order, now);
        }
        if (order.isSettled()) {
            openSagas.close(order.id());
            return List.of();
        }
        Instant republishAt = order.decidedAt().plus(settings.republishAfter());
        if (republishAt.isAfter(now)) {
            // Decided a moment ago: its acknowledgements are most likely on their way.
            openSagas.recheckAt(order.id(), republishAt);
            return List.of();
        }
        metrics.republished(order);
        openSagas.recheckAt(order.id(), now.plus(nextRepublishDelay(order, now)));
        return order.decisionEvents();
    }

    /** The next look is set before sending (see {@link #review}, {@link #decided}): nothing more to record. */
    @Override
    public void sent(OpenSaga open, Instant now) {}

    @Override
    public String key(OpenSaga open) {
        return open.orderId();
    }

    @Override
    public String traceparent(OpenSaga open) {
        return open.traceparent();
    }

    /**
     * An order decided outside the event flow (deadline, cancel request) and stored: its open saga
     * is looked at again once the decision should be acknowledged.
     *
     * @return the entry to hand to the reliable publisher with the decision's events
     */
    OpenSaga decided(Order order, Instant now) {
        metrics.decided(order);
        Instant recheck = now.plus(settings.republishAfter());
        openSagas.recheckAt(order.id(), recheck);
        return new OpenSaga(order.id(), order.deadline(), recheck, order.traceparent());
    }

    /**
     * The pause before the next re-publication doubles with the decision's age (from {@code
     * republish-after}), so a participant that is down for long is not flooded with repeats.
     */
    private Duration nextRepublishDelay(Order order, Instant now) {
        Duration age = Duration.between(order.decidedAt(), now);
        return age.compareTo(settings.republishAfter()) > 0 ? age : settings.republishAfter();
    }

    /** Cancels an overdue order, unless someone decided it meanwhile (then the next sweep sees that). */
    private List<Event> expire(Order overdue, Instant now) {
        long readVersion = overdue.version();
        overdue.expire(now);
        if (!store.replaceIfOverdue(overdue, readVersion, now)) {
            metrics.conflict();
            return List.of();
        }
        decided(overdue, now);
        return overdue.decisionEvents();
    }
}
