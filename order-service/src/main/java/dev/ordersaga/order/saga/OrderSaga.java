package dev.ordersaga.order.saga;

import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.events.OrderStatusChanged;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.SagaEvent;
import dev.ordersaga.order.config.SagaSettings;
import dev.ordersaga.order.orders.Order;
import dev.ordersaga.order.orders.OrderQueries;
import dev.ordersaga.order.orders.OrderStore;
import dev.ordersaga.order.orders.Recorded;
import dev.ordersaga.support.security.Caller;
import dev.ordersaga.support.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
 * The saga's decider: records each event on its order, lets the order decide, and says what to
 * publish. Every write is conditional on the version that was read; a writer that loses (another
 * event of the same order on another topic, the sweep, a cancel request) reads again and applies
 * its event to the new state, so exactly one writer takes the terminal decision.
 */
@Service
public class OrderSaga {

    private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);
    private static final int MAX_ATTEMPTS = 20;

    private final OrderStore store;
    private final OpenSagas openSagas;
    private final SagaSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Counter conflicts;

    public OrderSaga(OrderStore store, OpenSagas openSagas, SagaSettings settings, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.openSagas = openSagas;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        this.conflicts = Counter.builder("orders.write.conflicts")
                .description("Order writes that lost to a concurrent writer and were retried")
                .register(meters);
    }

    /** Records an event of the saga (the request or a participant's answer). */
    public Step record(SagaEvent event) {
        Timer.Sample sample = Timer.start(meters);
        try {
            return recordOnce(event);
        } finally {
            sample.stop(Timer.builder("orders.event.recording")
                    .description("Reading, deciding and storing one saga event (not the publishing)")
                    .tag("type", event.type())
                    .publishPercentiles(0.5, 0.99)
                    .register(meters));
        }
    }

    private Step recordOnce(SagaEvent event) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            Optional<Order> stored = store.find(event.orderId());
            Order order = stored.orElseGet(() -> Order.startingWith(event.orderId()));
            long readVersion = order.version();
            Recorded recorded = order.record(event, now, settings.deadline());
            if (recorded.changed()) {
                boolean written;
                if (stored.isPresent()) {
                    written = store.replace(order, readVersion, recorded == Recorded.DECISION);
                } else {
                    // The saga is opened before its order exists, so the sweep can never miss it.
                    openSagas.open(order.id(), order.deadline());
                    written = store.insert(order);
                }
                if (!written) {
                    conflicts.increment();
                    continue;
                }
            }
            return stepFor(order, recorded, event, now);
        }
        throw new IllegalStateException(
                "order " + event.orderId() + " kept changing under " + event.type() + "; giving up for now");
    }

    private Step stepFor(Order order, Recorded recorded, SagaEvent cause, Instant now) {
        List<SagaEvent> events = new ArrayList<>();
        // A redelivered cause finds the decision stored: if it may not have reached the broker
        // (the process died between the write and the publish), it goes out again, same id.
        boolean outcome = recorded == Recorded.DECISION
                || (recorded == Recorded.REDELIVERY && order.isTerminal() && openSagas.isOpen(order.id()));
        if (outcome) {
            events.add(SagaMessages.outcome(order));
        }
        if (order.isRequested()) {
            events.add(SagaMessages.reply(
                    order, EventIds.causedBy(cause.eventId(), OrderStatusChanged.class), cause.correlationId(), now));
        }
        switch (recorded) {
            case DECISION -> decided(order);
            case DIFFERENT_REQUEST ->
                log.warn(
                        "order {} requested again with another request hash (Idempotency-Key reused); replying with the stored one",
                        order.id());
            case REDELIVERY -> log.debug("{} {} of order {} seen before", cause.type(), cause.eventId(), order.id());
            default -> {}
        }
        return new Step(order, events, outcome);
    }

    /**
     * Looks at an open saga the sweep found due: cancels the order if it outlived its deadline,
     * publishes again a decision whose outcome never reached the broker, or tells the sweep when
     * to look again.
     *
     * @return what to publish, if anything
     */
    public Optional<Step> review(OpenSaga open) {
        Instant now = clock.instant();
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
        Instant republishAt = order.decidedAt().plus(settings.republishAfter());
        if (republishAt.isAfter(now)) {
            // Decided a moment ago: its own publish is most likely still under way.
            openSagas.recheckAt(order.id(), republishAt);
            return Optional.empty();
        }
        meters.counter("orders.outcomes.republished").increment();
        log.warn("re-publishing the {} decision of order {}", order.status(), order.id());
        return Optional.of(decisionStep(order, now));
    }

    /** Cancels an overdue order, unless someone decided it meanwhile (then the next sweep sees that). */
    private Optional<Step> expire(Order overdue, Instant now) {
        long readVersion = overdue.version();
        overdue.expire(now);
        if (!store.replaceIfOverdue(overdue, readVersion, now)) {
            conflicts.increment();
            return Optional.empty();
        }
        decided(overdue);
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
            Instant now = clock.instant();
            long readVersion = order.version();
            order.cancel(
                    ReasonCode.CANCELLED_ON_REQUEST,
                    caller.isAdmin() ? "Cancelled by an administrator." : "Cancelled by the customer.",
                    now);
            if (store.replace(order, readVersion, true)) {
                decided(order);
                return decisionStep(order, now);
            }
            conflicts.increment();
        }
        throw new IllegalStateException("order " + orderId + " kept changing; cancel not applied");
    }

    private static Step decisionStep(Order order, Instant now) {
        List<SagaEvent> events = new ArrayList<>();
        events.add(SagaMessages.outcome(order));
        if (order.isRequested()) {
            events.add(SagaMessages.decisionReply(order, now));
        }
        return new Step(order, events, true);
    }

    private void decided(Order order) {
        OrderStatus status = order.status();
        log.info("order {} {}{}", order.id(), status, order.reason() == null ? "" : " (" + order.reason() + ")");
        meters.counter("orders.decided", "status", status.name(), "reason", String.valueOf(order.reason()))
                .increment();
        if (order.createdAt() != null) {
            Timer.builder("orders.saga.duration")
                    .description("From the customer's request to the order's decision")
                    .tag("status", status.name())
                    .register(meters)
                    .record(Duration.between(order.createdAt(), order.decidedAt()));
        }
    }
}
