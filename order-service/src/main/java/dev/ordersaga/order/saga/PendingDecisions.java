package dev.ordersaga.order.saga;

import dev.ordersaga.events.Event;
import dev.ordersaga.order.config.SagaSettings;
import dev.ordersaga.order.domain.Order;
import dev.ordersaga.order.store.LegacyOpenSagas;
import dev.ordersaga.order.store.OrderStore;
import dev.ordersaga.saga.publish.PendingEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * order-service's decisions, pending until settled, on the runtime's reliable publishing. What is
 * pending is marked on the order itself: {@code recheckAt}, which the domain sets at every change
 * (the deadline while undecided, a while after the decision until it is settled, none once
 * settled) and which is written with the order, so no stored order that needs a look can lack
 * one. The runtime's sweep hands each due order to {@link #review}, which applies order-service's
 * own rules on top:
 *
 * <ul>
 *   <li>not decided, past its deadline: cancelled ({@code SAGA_TIMEOUT}, a write conditional on "not
 *       terminal and deadline passed", so with several instances exactly one cancels), and the
 *       decision sent;
 *   <li>not decided, not yet due: looked at again at its deadline;
 *   <li>decided and settled: no longer watched;
 *   <li>decided, not settled: sent again (same event id) from {@code republish-after} after the
 *       decision on, not before the deadline ({@link Order#republishAt}), with pauses that double
 *       with the decision's age, so a lost commit, release or refund heals itself.
 * </ul>
 *
 * <p>The sweep's own changes are single-field updates of {@code recheckAt} on the version it read
 * ({@link OrderStore#recheckAt}, {@link OrderStore#closeWatch}), which leave the version as it is
 * (the saga's writer, which may hold the order in memory, keeps writing without a reload). If the
 * order changed meanwhile, the update is not applied and the {@code recheckAt} its writer computed
 * for the new state stands; if the saga's writer replaces the order after the sweep moved its look
 * later, the domain's look is written again, at most earlier than the sweep's: an extra review,
 * never a missed one. Only the sweep clears the field of a stored order, and only on a version it
 * read as settled.
 */
@Component
public class PendingDecisions implements PendingEvents<Order> {

    private final OrderStore store;
    private final LegacyOpenSagas legacy;
    private final SagaSettings settings;
    private final OrderMetrics metrics;

    PendingDecisions(OrderStore store, LegacyOpenSagas legacy, SagaSettings settings, OrderMetrics metrics) {
        this.store = store;
        this.legacy = legacy;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public List<Order> due(Instant now, int limit) {
        legacy.foldOnce();
        return store.due(now, limit);
    }

    @Override
    public List<Event> review(Order order, Instant now) {
        if (!order.isTerminal()) {
            if (!order.isOverdue(now)) {
                store.recheckAt(order, order.deadline());
                return List.of();
            }
            return expire(order, now);
        }
        if (order.isSettled()) {
            store.closeWatch(order);
            return List.of();
        }
        Instant republishAt = order.republishAt(settings.timing());
        if (republishAt.isAfter(now)) {
            // Decided a moment ago: its acknowledgements are most likely on their way.
            store.recheckAt(order, republishAt);
            return List.of();
        }
        metrics.republished(order);
        store.recheckAt(order, now.plus(nextRepublishDelay(order, now)));
        return order.decisionEvents();
    }

    /** The next look is set before sending (see {@link #review}) or by the decision itself: nothing more to record. */
    @Override
    public void sent(Order order, Instant now) {}

    @Override
    public String key(Order order) {
        return order.id();
    }

    @Override
    public String traceparent(Order order) {
        return order.traceparent();
    }

    /**
     * The pause before the next re-publication doubles with the decision's age (from {@code
     * republish-after}), so a participant that is down for long is not flooded with repeats.
     */
    private Duration nextRepublishDelay(Order order, Instant now) {
        Duration age = Duration.between(order.decidedAt(), now);
        return age.compareTo(settings.republishAfter()) > 0 ? age : settings.republishAfter();
    }

    /**
     * Cancels an overdue order, unless someone decided it meanwhile (then the next sweep sees that).
     * The cancelled order carries its next look ({@code recheckAt}) in the same write.
     */
    private List<Event> expire(Order overdue, Instant now) {
        long readVersion = overdue.version();
        overdue.expire(now, settings.timing());
        if (!store.replaceIfOverdue(overdue, readVersion, now)) {
            metrics.conflict();
            return List.of();
        }
        metrics.decided(overdue);
        return overdue.decisionEvents();
    }
}
