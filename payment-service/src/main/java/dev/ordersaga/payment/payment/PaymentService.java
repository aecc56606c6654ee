package dev.ordersaga.payment.payment;

import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.PaymentCompleted;
import dev.ordersaga.events.PaymentEvent;
import dev.ordersaga.events.PaymentFailed;
import dev.ordersaga.events.PaymentRefunded;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.StockReserved;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The payment step of the saga and its compensation. Every method is idempotent: what is stored
 * for the order decides, so a redelivered cause re-emits the outcome it had the first time (same
 * event id, same payment id, same time) and never charges or refunds twice.
 */
@Service
public class PaymentService {

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);
    private static final int MAX_RACE_ROUNDS = 5;

    private final PaymentStore store;
    private final PaymentRules rules;
    private final Clock clock;
    private final MeterRegistry meters;

    PaymentService(PaymentStore store, PaymentRules rules, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.rules = rules;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Charges the order whose stock is reserved, by the rules, unless the order already has a
     * payment record: then that record's outcome is returned again (a voided record refuses the
     * charge with {@code ORDER_ALREADY_TERMINAL}). Common path: one insert.
     */
    public PaymentEvent charge(StockReserved stock) {
        PaymentDecision decision = rules.decide(stock.paymentMethod(), stock.total());
        Payment attempt = Payment.attempt(
                stock.orderId(), stock.customerId(), stock.total(), stock.paymentMethod(), decision, now());
        Payment payment = store.insertOrGetExisting(attempt);
        if (payment == attempt) {
            count(payment.status() == PaymentStatus.CAPTURED ? "captured" : "declined", payment.reason());
            log.info(
                    "payment {} for order {}: {} {}",
                    payment.id(),
                    payment.orderId(),
                    payment.status(),
                    payment.reason() == null ? "" : payment.reason());
        } else {
            log.info(
                    "order {} already has payment {} ({}): re-emitting its outcome",
                    stock.orderId(),
                    payment.id(),
                    payment.status());
        }
        return outcome(payment, stock);
    }

    /**
     * The order was rejected or cancelled by order-service: refund what was captured (returning
     * the {@link PaymentRefunded} to publish, again on a redelivery), or, when the order has no
     * payment yet, record it as voided so a late {@link StockReserved} is not charged.
     */
    public Optional<PaymentRefunded> close(String orderId, ReasonCode orderReason, String correlationId) {
        for (int round = 0; round < MAX_RACE_ROUNDS; round++) {
            Optional<Payment> found = store.findByOrderId(orderId);
            if (found.isEmpty()) {
                Payment voided = Payment.voided(orderId, orderReason, now());
                if (store.insertOrGetExisting(voided) == voided) {
                    count("voided", orderReason);
                    log.info("order {} ended ({}) before payment: voided", orderId, orderReason);
                    return Optional.empty();
                }
                continue; // a charge got in first: decide again on what it stored
            }
            Payment payment = found.get();
            switch (payment.status()) {
                case CAPTURED -> {
                    payment.refund(orderReason, now());
                    if (store.saveRefund(payment)) {
                        count("refunded", orderReason);
                        log.info("payment {} of order {} refunded ({})", payment.id(), orderId, orderReason);
                        return Optional.of(refunded(payment, correlationId));
                    }
                    // another consumer refunded it meanwhile: read what it stored
                }
                case REFUNDED -> {
                    return Optional.of(refunded(payment, correlationId));
                }
                case DECLINED, VOIDED -> {
                    return Optional.empty();
                }
            }
        }
        throw new IllegalStateException("the payment of order " + orderId + " kept changing; giving up this round");
    }

    private PaymentEvent outcome(Payment payment, StockReserved stock) {
        String orderId = stock.orderId();
        return switch (payment.status()) {
            // A refunded payment was captured first: a redelivered StockReserved gets that outcome again.
            case CAPTURED, REFUNDED ->
                new PaymentCompleted(
                        EventIds.about(orderId, PaymentCompleted.class),
                        orderId,
                        payment.createdAt(),
                        stock.correlationId(),
                        payment.id(),
                        payment.amount(),
                        payment.paymentMethod());
            case DECLINED ->
                new PaymentFailed(
                        EventIds.about(orderId, PaymentFailed.class),
                        orderId,
                        payment.createdAt(),
                        stock.correlationId(),
                        payment.id(),
                        payment.amount(),
                        payment.reason(),
                        payment.detail());
            case VOIDED -> refuseLate(payment, stock);
        };
    }

    private PaymentFailed refuseLate(Payment voided, StockReserved stock) {
        Payment recorded = voided;
        if (voided.refuseLateAttempt(stock.customerId(), stock.total(), stock.paymentMethod(), now())) {
            if (store.saveRefusedAttempt(voided)) {
                count("refused", ReasonCode.ORDER_ALREADY_TERMINAL);
                log.info("order {} already ended ({}): charge refused", voided.orderId(), voided.reason());
            } else {
                // a concurrent redelivery recorded it first; its time is the event's time
                recorded = store.findById(voided.id()).orElse(voided);
            }
        }
        return new PaymentFailed(
                EventIds.about(stock.orderId(), PaymentFailed.class),
                stock.orderId(),
                recorded.updatedAt(),
                stock.correlationId(),
                recorded.id(),
                stock.total(),
                ReasonCode.ORDER_ALREADY_TERMINAL,
                "The order already ended (" + voided.reason() + "); nothing was charged.");
    }

    private static PaymentRefunded refunded(Payment payment, String correlationId) {
        return new PaymentRefunded(
                EventIds.about(payment.orderId(), PaymentRefunded.class),
                payment.orderId(),
                payment.refund().refundedAt(),
                correlationId,
                payment.id(),
                payment.amount());
    }

    /** Millisecond precision: what MongoDB keeps, so a re-emitted event carries exactly the same time. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private void count(String outcome, ReasonCode reason) {
        Counter.builder("payments.outcomes")
                .description("Payment records created or changed, by outcome and reason")
                .tag("outcome", outcome)
                .tag("reason", reason == null ? "none" : reason.name())
                .register(meters)
                .increment();
    }
}
