package dev.ordersaga.testsupport.participant;

import java.util.UUID;

/**
 * The exact JSON the saga's producers publish, written by hand as they send it: a service test that
 * feeds its participant over a real broker checks the wire contract, not just the records.
 */
public final class SagaJson {

    public static final String PRODUCT = SagaEvents.PRODUCT;

    private SagaJson() {}

    /** A {@code StockReserved} for one line of quantity 1 whose total is {@code total} (EUR). */
    public static String stockReserved(String orderId, String customerId, String paymentMethod, String total) {
        return stockReserved(UUID.randomUUID(), orderId, customerId, paymentMethod, total, "EUR");
    }

    public static String stockReserved(
            UUID eventId, String orderId, String customerId, String paymentMethod, String total, String currency) {
        return """
                {"type":"StockReserved","event_id":"%s","order_id":"%s","occurred_at":"2026-11-24T10:00:00.123Z",\
                "correlation_id":"corr-%s",\
                "lines":[{"product_id":"%s","quantity":1,"unit_price":{"amount":%s,"currency":"%s"}}],\
                "total":{"amount":%s,"currency":"%s"},"customer_id":"%s","payment_method":"%s"}""".formatted(
                eventId, orderId, orderId, PRODUCT, total, currency, total, currency, customerId, paymentMethod);
    }

    public static String orderCancelled(String orderId, String reason) {
        return orderDecision("OrderCancelled", orderId, reason);
    }

    public static String orderRejected(String orderId, String reason) {
        return orderDecision("OrderRejected", orderId, reason);
    }

    public static String orderConfirmed(String orderId, String customerId, String paymentId) {
        return """
                {"type":"OrderConfirmed","event_id":"%s","order_id":"%s","occurred_at":"2026-11-24T10:00:01Z",\
                "correlation_id":"corr-%s","customer_id":"%s",\
                "lines":[{"product_id":"%s","quantity":1,"unit_price":{"amount":12.50,"currency":"EUR"}}],\
                "total":{"amount":12.50,"currency":"EUR"},"payment_id":"%s"}""".formatted(UUID.randomUUID(), orderId, orderId, customerId, PRODUCT, paymentId);
    }

    private static String orderDecision(String type, String orderId, String reason) {
        return """
                {"type":"%s","event_id":"%s","order_id":"%s","occurred_at":"2026-11-24T10:00:30Z",\
                "correlation_id":"corr-%s","reason":"%s","detail":"decided by order-service"}""".formatted(type, UUID.randomUUID(), orderId, orderId, reason);
    }
}
