package dev.ordersaga.payment.api;

import dev.ordersaga.events.Money;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.payment.domain.Payment;
import dev.ordersaga.payment.domain.PaymentStatus;
import dev.ordersaga.payment.domain.Refund;
import java.time.Instant;

/** A payment as the API shows it (snake_case on the wire). */
public record PaymentView(
        String id,
        String orderId,
        String customerId,
        Money amount,
        String paymentMethod,
        PaymentStatus status,
        ReasonCode reason,
        String detail,
        Instant createdAt,
        Instant updatedAt,
        Instant refundedAt,
        ReasonCode refundReason) {

    static PaymentView of(Payment payment) {
        Refund refund = payment.refund();
        return new PaymentView(
                payment.id(),
                payment.orderId(),
                payment.customerId(),
                payment.amount(),
                payment.paymentMethod(),
                payment.status(),
                payment.reason(),
                payment.detail(),
                payment.createdAt(),
                payment.updatedAt(),
                refund == null ? null : refund.refundedAt(),
                refund == null ? null : refund.orderReason());
    }
}
