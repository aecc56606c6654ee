package dev.ordersaga.events;

/**
 * Why a saga step failed or an order ended without being confirmed. The names are stable strings
 * on the wire and in the HTTP problem details: never rename one, only add.
 */
public enum ReasonCode {
    CUSTOMER_NOT_FOUND,
    CUSTOMER_INACTIVE,
    PRODUCT_NOT_FOUND,
    PRODUCT_INACTIVE,
    INSUFFICIENT_STOCK,
    CURRENCY_MISMATCH,
    PAYMENT_DECLINED,
    INVALID_PAYMENT_METHOD,
    AMOUNT_LIMIT_EXCEEDED,
    SAGA_TIMEOUT,
    CANCELLED_ON_REQUEST,
    /** A step arrived for an order that order-service has already decided; the step is refused. */
    ORDER_ALREADY_TERMINAL,
    /** An Idempotency-Key was reused with a different request body. */
    IDEMPOTENCY_KEY_REUSED
}
