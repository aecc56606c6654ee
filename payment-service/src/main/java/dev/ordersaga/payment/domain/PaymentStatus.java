package dev.ordersaga.payment.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a payment record. A record is born {@code CAPTURED} or {@code DECLINED} (a charge
 * attempt) or {@code VOIDED} (the order ended before any charge was attempted, so a late attempt
 * is refused). The only move afterwards is a refund of captured money.
 */
public enum PaymentStatus {
    /** Money was taken; the only status that holds the customer's money. */
    CAPTURED,
    /** The charge was refused by the rules; nothing was taken. */
    DECLINED,
    /** Captured money was given back because the order was not confirmed. */
    REFUNDED,
    /** The order was decided before payment; nothing was or will be charged for it. */
    VOIDED;

    public Set<PaymentStatus> next() {
        return switch (this) {
            case CAPTURED -> EnumSet.of(REFUNDED);
            case DECLINED, REFUNDED, VOIDED -> EnumSet.noneOf(PaymentStatus.class);
        };
    }

    public boolean canBecome(PaymentStatus target) {
        return next().contains(target);
    }

    /** The statuses a record may be in to move to {@code target}: the condition of the store's update. */
    public static Set<PaymentStatus> from(PaymentStatus target) {
        Set<PaymentStatus> sources = EnumSet.noneOf(PaymentStatus.class);
        Arrays.stream(values()).filter(s -> s.canBecome(target)).forEach(sources::add);
        return sources;
    }

    /** @throws IllegalStateException when the move is not allowed */
    PaymentStatus moveTo(PaymentStatus target) {
        if (!canBecome(target)) {
            throw new IllegalStateException("a " + this + " payment cannot become " + target);
        }
        return target;
    }
}
