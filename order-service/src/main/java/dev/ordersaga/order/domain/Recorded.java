package dev.ordersaga.order.domain;

/** What recording an event did to an order. */
public enum Recorded {
    /** The event was recorded; the order is not decided by it. */
    STEP,
    /** The event was recorded and it decided the order (the status became terminal). */
    DECISION,
    /** This event id was recorded before (a redelivery): nothing changed. */
    REDELIVERY,
    /** An {@code OrderRequested} for an order already requested, with the same request hash (a retry): nothing changed. */
    SAME_REQUEST,
    /** An {@code OrderRequested} for an order already requested, with another request hash: nothing changed, the gateway answers 422. */
    DIFFERENT_REQUEST;

    /** The order changed and must be written. */
    public boolean changed() {
        return this == STEP || this == DECISION;
    }
}
