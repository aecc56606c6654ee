package dev.ordersaga.payment.domain;

import dev.ordersaga.events.ReasonCode;
import java.time.Instant;
import java.util.Objects;

/**
 * When and why captured money was given back.
 *
 * @param orderReason the reason order-service gave for not confirming the order (e.g. {@code
 *     SAGA_TIMEOUT}, {@code CANCELLED_ON_REQUEST})
 */
public record Refund(Instant refundedAt, ReasonCode orderReason) {

    public Refund {
        Objects.requireNonNull(refundedAt, "refundedAt");
        Objects.requireNonNull(orderReason, "orderReason");
    }
}
