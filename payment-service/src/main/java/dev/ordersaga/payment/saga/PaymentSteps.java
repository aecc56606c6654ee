package dev.ordersaga.payment.saga;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.EventTime;
import dev.ordersaga.events.OrderCancelled;
import dev.ordersaga.events.OrderRejected;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.StockReserved;
import dev.ordersaga.payment.domain.Payment;
import dev.ordersaga.payment.domain.PaymentDecision;
import dev.ordersaga.payment.domain.PaymentRules;
import dev.ordersaga.payment.domain.PaymentStatus;
import dev.ordersaga.payment.store.PaymentStore;
import dev.ordersaga.saga.SagaParticipant;
import dev.ordersaga.saga.SagaStep;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The payment step of the saga and its compensation, as steps of the saga runtime. What is stored
 * for the order decides, so a redelivered cause re-emits the outcome it had the first time (same
 * event id, same payment id, same time) and never charges or refunds twice:
 *
 * <table>
 *   <caption>payment step</caption>
 *   <tr><th>event</th><th>stored payment</th><th>result</th></tr>
 *   <tr><td>StockReserved</td><td>none</td><td>charge by the rules: CAPTURED or DECLINED, its outcome</td></tr>
 *   <tr><td>StockReserved</td><td>CAPTURED, REFUNDED, DECLINED</td><td>the first outcome again</td></tr>
 *   <tr><td>StockReserved</td><td>VOIDED</td><td>refused: PaymentFailed ORDER_ALREADY_TERMINAL</td></tr>
 *   <tr><td>OrderRejected / OrderCancelled</td><td>none</td><td>VOIDED, so a late charge is refused</td></tr>
 *   <tr><td>OrderRejected / OrderCancelled</td><td>CAPTURED</td><td>REFUNDED, PaymentRefunded</td></tr>
 *   <tr><td>OrderRejected / OrderCancelled</td><td>REFUNDED</td><td>PaymentRefunded again</td></tr>
 *   <tr><td>OrderRejected / OrderCancelled</td><td>DECLINED, VOIDED</td><td>nothing held, nothing said</td></tr>
 * </table>
 */
@Component
public class PaymentSteps implements SagaParticipant<Payment> {

    private static final Logger log = LoggerFactory.getLogger(PaymentSteps.class);

    private final PaymentStore store;
    private final PaymentRules rules;
    private final Clock clock;
    private final Meter.MeterProvider<Counter> outcomes;

    PaymentSteps(PaymentStore store, PaymentRules rules, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.rules = rules;
        this.clock = clock;
        // built once: each count only names its tags (no builder per record)
        this.outcomes = Counter.builder("payments.outcomes")
                .description("Payment records created or changed, by outcome and reason")
                .withRegistry(meters);
    }

    /** Inventory's other facts and the confirmation need nothing from payment: its consumer does not read them. */
    @Override
    public Set<Class<? extends Event>> handledTypes() {
        return Set.of(StockReserved.class, OrderRejected.class, OrderCancelled.class);
    }

    /**
     * A reservation asks for the order's payment, which does not exist yet unless the reservation
     * is redelivered (or the order ended first: a voided record). Not read first: the insert of the
     * new payment fails on the unique {@code order_id} if there is one, and the runtime reads that
     * one and applies the reservation to it.
     */
    @Override
    public boolean startsState(Event event) {
        return event instanceof StockReserved;
    }

    @Override
    public Map<String, Payment> load(Map<String, List<Event>> eventsByOrder) {
        return store.findByOrderIds(eventsByOrder.keySet());
    }

    @Override
    public SagaStep<Payment> apply(Event event, Payment payment) {
        return switch (event) {
            case StockReserved reserved -> charge(reserved, payment);
            case OrderRejected rejected ->
                close(rejected.orderId(), rejected.reason(), rejected.correlationId(), payment);
            case OrderCancelled cancelled ->
                close(cancelled.orderId(), cancelled.reason(), cancelled.correlationId(), payment);
            // Inventory's other facts and the confirmation need nothing from payment.
            default -> SagaStep.unchanged(payment, List.of());
        };
    }

    /**
     * Stores the new and changed records; each one stored is counted here, not when decided: a charge
     * decided for a redelivered reservation (not read first) is refused and the stored record decides.
     */
    @Override
    public Set<String> store(Map<String, Payment> changed) {
        Set<String> stale = store.storeAll(changed.values());
        changed.forEach((orderId, payment) -> {
            if (!stale.contains(orderId)) {
                count(payment);
            }
        });
        return stale;
    }

    private SagaStep<Payment> charge(StockReserved stock, Payment existing) {
        if (existing == null) {
            PaymentDecision decision = rules.decide(stock.paymentMethod(), stock.total());
            Payment payment = Payment.attempt(
                    stock.orderId(), stock.customerId(), stock.total(), stock.paymentMethod(), decision, now());
            log.debug(
                    "payment {} for order {}: {} {}",
                    payment.id(),
                    payment.orderId(),
                    payment.status(),
                    payment.reason() == null ? "" : payment.reason());
            return SagaStep.changed(payment, List.of(payment.outcomeOf(stock)));
        }
        if (existing.status() == PaymentStatus.VOIDED
                && existing.refuseLateAttempt(stock.customerId(), stock.total(), stock.paymentMethod(), now())) {
            log.debug("order {} already ended ({}): charge refused", existing.orderId(), existing.reason());
            return SagaStep.changed(existing, List.of(existing.outcomeOf(stock)));
        }
        log.debug(
                "order {} already has payment {} ({}): re-emitting its outcome",
                stock.orderId(),
                existing.id(),
                existing.status());
        return SagaStep.unchanged(existing, List.of(existing.outcomeOf(stock)));
    }

    private SagaStep<Payment> close(String orderId, ReasonCode orderReason, String correlationId, Payment payment) {
        if (payment == null) {
            log.debug("order {} ended ({}) before payment: voided", orderId, orderReason);
            return SagaStep.changed(Payment.voided(orderId, orderReason, now()), List.of());
        }
        return switch (payment.status()) {
            case CAPTURED -> {
                payment.refund(orderReason, now());
                log.debug("payment {} of order {} refunded ({})", payment.id(), orderId, orderReason);
                yield SagaStep.changed(payment, List.of(payment.refunded(correlationId)));
            }
            case REFUNDED -> SagaStep.unchanged(payment, List.of(payment.refunded(correlationId)));
            case DECLINED, VOIDED -> SagaStep.unchanged(payment, List.of());
        };
    }

    /** Millisecond precision: what MongoDB keeps, so a re-emitted event carries exactly the same time. */
    private Instant now() {
        return EventTime.now(clock);
    }

    /** Counts a record as written: every write is one move, told by what the record became. */
    private void count(Payment written) {
        switch (written.status()) {
            case CAPTURED -> count("captured", written.reason());
            case DECLINED -> count("declined", written.reason());
            case REFUNDED -> count("refunded", written.refund().orderReason());
            // voided before any charge, or a late charge refused (the record then keeps who asked)
            case VOIDED -> {
                if (written.customerId() == null) {
                    count("voided", written.reason());
                } else {
                    count("refused", ReasonCode.ORDER_ALREADY_TERMINAL);
                }
            }
        }
    }

    private void count(String outcome, ReasonCode reason) {
        outcomes.withTags("outcome", outcome, "reason", reason == null ? "none" : reason.name())
                .increment();
    }
}
