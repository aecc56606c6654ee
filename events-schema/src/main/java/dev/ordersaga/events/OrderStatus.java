package dev.ordersaga.events;

/**
 * The order statuses order-service publishes. Which transitions are allowed is order-service's
 * business; this is only the shared vocabulary.
 */
public enum OrderStatus {
    PENDING,
    CUSTOMER_VALIDATED,
    STOCK_RESERVED,
    PAYMENT_COMPLETED,
    /** A step failed; order-service waits for the compensation before it rejects the order. */
    COMPENSATING,
    CONFIRMED,
    REJECTED,
    CANCELLED;

    public boolean terminal() {
        return this == CONFIRMED || this == REJECTED || this == CANCELLED;
    }
}
