package dev.ordersaga.order.saga;

import dev.ordersaga.events.EventTime;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.SagaEvent;
import dev.ordersaga.order.config.SagaSettings;
import dev.ordersaga.order.orders.Order;
import dev.ordersaga.order.orders.OrderQueries;
import dev.ordersaga.order.orders.OrderStore;
import dev.ordersaga.support.security.Caller;
import dev.ordersaga.support.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The decisions no event brings: the deadline (through the sweep), re-publishing a decision not
 * yet acknowledged, and a cancel request. Events themselves are recorded by {@link OrderSagaSteps}
 * on the saga runtime. Every write here is conditional on the version that was read, like the
 * runtime's, so exactly one writer takes the terminal decision.
 */
@Service
public class OrderSaga {

    private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);
    private static final int MAX_ATTEMPTS = 20;

    private final OrderStore store;
    private final OpenSagas openSagas;
    private final SagaSettings settings;
    private final Clock clock;
    private final OrderMetrics metrics;

    OrderSaga(OrderStore store, OpenSagas openSagas, SagaSettings settings, Clock clock, OrderMetrics metrics) {
        this.store = store;
        this.openSagas = openSagas;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Looks at an open saga the sweep found due: cancels the order if it outlived its deadline,
     * publishes again a decision that is not acknowledged yet, closes a settled one, or tells the
     * sweep when to look again.
     *
     * @return what to publish, if anything
     */
    public Optional<Step> review(OpenSaga open) {
        Instant now = EventTime.now(clock);
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
            return Optional.empty();
        }
        Order order = found.get();
        if (!order.isTerminal()) {
            if (!order.isOverdue(now)) {
                openSagas.recheckAt(order.id(), order.deadline());
                return Optional.empty();
            }
            return expire(order, now);
        }
        if (order.isSettled()) {
            openSagas.close(order.id());
            return Optional.empty();
        }
        Instant republishAt = order.decidedAt().plus(settings.republishAfter());
        if (republishAt.isAfter(now)) {
            // Decided a moment ago: its acknowledgements are most likely on their way.
            openSagas.recheckAt(order.id(), republishAt);
            return Optional.empty();
        }
        metrics.republished(order);
        openSagas.recheckAt(order.id(), now.plus(nextRepublishDelay(order, now)));
        return Optional.of(decisionStep(order, now));
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
    private Optional<Step> expire(Order overdue, Instant now) {
        long readVersion = overdue.version();
        overdue.expire(now);
        if (!store.replaceIfOverdue(overdue, readVersion, now)) {
            metrics.conflict();
            return Optional.empty();
        }
        metrics.decided(overdue);
        openSagas.recheckAt(overdue.id(), now.plus(settings.republishAfter()));
        return Optional.of(decisionStep(overdue, now));
    }

    /** Cancels an order on its owner's (or an admin's) request. */
    public Step cancel(String orderId, Caller caller) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Order order =
                    store.find(orderId).filter(Order::isRequested).orElseThrow(() -> OrderQueries.notFound(orderId));
            if (!caller.mayActFor(order.customerId())) {
                throw ApiException.forbidden("This order belongs to another customer.");
            }
            if (order.isTerminal()) {
                throw ApiException.conflict(
                                "ORDER_ALREADY_TERMINAL",
                                "Order " + orderId + " is already " + order.status() + " and cannot be cancelled.")
                        .with("status", order.status());
            }
            Instant now = EventTime.now(clock);
            long readVersion = order.version();
            order.cancel(
                    ReasonCode.CANCELLED_ON_REQUEST,
                    caller.isAdmin() ? "Cancelled by an administrator." : "Cancelled by the customer.",
                    now);
            if (store.replace(order, readVersion, true)) {
                metrics.decided(order);
                openSagas.recheckAt(order.id(), now.plus(settings.republishAfter()));
                return decisionStep(order, now);
            }
            metrics.conflict();
        }
        throw new IllegalStateException("order " + orderId + " kept changing; cancel not applied");
    }

    private static Step decisionStep(Order order, Instant now) {
        List<SagaEvent> events = new ArrayList<>();
        events.add(SagaMessages.outcome(order));
        if (order.isRequested()) {
            events.add(SagaMessages.decisionReply(order, now));
        }
        return new Step(order, events);
    }
}
