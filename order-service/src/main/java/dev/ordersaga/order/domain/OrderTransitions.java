package dev.ordersaga.order.domain;

import static dev.ordersaga.events.OrderStatus.CANCELLED;
import static dev.ordersaga.events.OrderStatus.COMPENSATING;
import static dev.ordersaga.events.OrderStatus.CONFIRMED;
import static dev.ordersaga.events.OrderStatus.CUSTOMER_VALIDATED;
import static dev.ordersaga.events.OrderStatus.PAYMENT_COMPLETED;
import static dev.ordersaga.events.OrderStatus.PENDING;
import static dev.ordersaga.events.OrderStatus.REJECTED;
import static dev.ordersaga.events.OrderStatus.STOCK_RESERVED;

import dev.ordersaga.events.OrderStatus;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which status may follow which. Statuses only move forward. Facts of different topics arrive in
 * any order, so a status may skip intermediate ones (a {@code PaymentCompleted} recorded before
 * the {@code StockReserved} moves a {@code CUSTOMER_VALIDATED} order straight to {@code
 * PAYMENT_COMPLETED}; an {@code OrderRequested} that arrives after every participant has answered
 * moves a {@code PENDING} order straight to its verdict). Every non-terminal status can be
 * cancelled (deadline or request). A terminal status never changes again.
 */
public final class OrderTransitions {

    private static final Map<OrderStatus, Set<OrderStatus>> ALLOWED = new EnumMap<>(OrderStatus.class);

    static {
        // An OrderRequested recorded after every participant answered moves PENDING to any status.
        ALLOWED.put(PENDING, EnumSet.complementOf(EnumSet.of(PENDING)));
        ALLOWED.put(
                CUSTOMER_VALIDATED,
                EnumSet.of(STOCK_RESERVED, PAYMENT_COMPLETED, COMPENSATING, CONFIRMED, REJECTED, CANCELLED));
        // STOCK_RESERVED -> REJECTED: the StockReleased of a failed payment was recorded before the PaymentFailed.
        ALLOWED.put(STOCK_RESERVED, EnumSet.of(PAYMENT_COMPLETED, COMPENSATING, CONFIRMED, REJECTED, CANCELLED));
        // A captured payment is never followed by a failure or a rejection in the protocol.
        ALLOWED.put(PAYMENT_COMPLETED, EnumSet.of(CONFIRMED, CANCELLED));
        // Compensation ends in REJECTED, or in CANCELLED when it outlives the deadline.
        ALLOWED.put(COMPENSATING, EnumSet.of(REJECTED, CANCELLED));
        ALLOWED.put(CONFIRMED, EnumSet.noneOf(OrderStatus.class));
        ALLOWED.put(REJECTED, EnumSet.noneOf(OrderStatus.class));
        ALLOWED.put(CANCELLED, EnumSet.noneOf(OrderStatus.class));
    }

    private OrderTransitions() {}

    public static boolean allowed(OrderStatus from, OrderStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    /** The statuses {@code from} may move to. */
    public static Set<OrderStatus> next(OrderStatus from) {
        return Set.copyOf(ALLOWED.get(from));
    }

    static void check(OrderStatus from, OrderStatus to) {
        if (!allowed(from, to)) {
            throw new IllegalTransitionException(from, to);
        }
    }

    /** A step would move an order where its state machine does not go; the step is refused. */
    public static class IllegalTransitionException extends IllegalStateException {
        IllegalTransitionException(OrderStatus from, OrderStatus to) {
            super("an order cannot go from " + from + " to " + to);
        }
    }
}
