package dev.ordersaga.order.domain;

import static dev.ordersaga.events.OrderStatus.COMPENSATING;
import static dev.ordersaga.events.OrderStatus.CONFIRMED;
import static dev.ordersaga.events.OrderStatus.CUSTOMER_VALIDATED;
import static dev.ordersaga.events.OrderStatus.PAYMENT_COMPLETED;
import static dev.ordersaga.events.OrderStatus.PENDING;
import static dev.ordersaga.events.OrderStatus.REJECTED;
import static dev.ordersaga.events.OrderStatus.STOCK_RESERVED;

import dev.ordersaga.order.domain.SagaFacts.PaymentFailure;
import dev.ordersaga.order.domain.SagaFacts.Rejection;

/**
 * The saga's decision rules: a pure function of the recorded facts, so the verdict is the same
 * whatever order the participants' events arrived in.
 *
 * <ol>
 *   <li>Nothing is decided before the {@code OrderRequested} is recorded (the reply needs it).
 *   <li>A customer or stock rejection rejects the order at once: reservations are all-or-none, so
 *       nothing is held.
 *   <li>A failed payment means the stock is still held: {@code COMPENSATING} until inventory
 *       reports it released, then {@code REJECTED} with the payment's reason.
 *   <li>A captured payment and the reservation's facts (lines, total) confirm the order.
 *   <li>Otherwise the furthest step reached.
 * </ol>
 */
public final class SagaDecision {

    private SagaDecision() {}

    public static Verdict decide(SagaFacts facts) {
        if (!facts.requested()) {
            return Verdict.of(PENDING);
        }
        if (facts.customerRejected() != null) {
            return rejected(facts.customerRejected());
        }
        if (facts.stockRejected() != null) {
            return rejected(facts.stockRejected());
        }
        if (facts.paymentFailed() != null) {
            PaymentFailure failure = facts.paymentFailed();
            return new Verdict(
                    facts.stockReleased() ? REJECTED : COMPENSATING, failure.reason(), failure.detail(), null);
        }
        if (facts.paymentCompleted() != null) {
            return Verdict.of(facts.stockReserved() != null ? CONFIRMED : PAYMENT_COMPLETED);
        }
        if (facts.stockReserved() != null) {
            return Verdict.of(STOCK_RESERVED);
        }
        if (facts.customerValidated()) {
            return Verdict.of(CUSTOMER_VALIDATED);
        }
        return Verdict.of(PENDING);
    }

    private static Verdict rejected(Rejection rejection) {
        return new Verdict(REJECTED, rejection.reason(), rejection.detail(), rejection.productIds());
    }
}
