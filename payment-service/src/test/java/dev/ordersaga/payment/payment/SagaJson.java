package dev.ordersaga.payment.payment;

import java.util.UUID;

/** The exact JSON inventory-service and order-service publish, written by hand as they send it. */
final class SagaJson {

    static final String PRODUCT = "6849dd2a5b6717b8055f93a9";

    private SagaJson() {}

    /** A {@code StockReserved} for one line of quantity 1 whose total is {@code total} (EUR). */
    static String stockReserved(String orderId, String customerId, String paymentMethod, String total) {
        return stockReserved(UUID.randomUUID(), orderId, customerId, paymentMethod, total, "EUR");
    }

    static String stockReserved(
            UUID eventId, String orderId, String customerId, String paymentMethod, String total, String currency) {
        return """
                {"type":"StockReserved","event_id":"%s","order_id":"%s","occurred_at":"2026-11-24T10:00:00.123Z",\
                "correlation_id":"corr-%s",\
                "lines":[{"product_id":"%s","quantity":1,"unit_price":{"amount":%s,"currency":"%s"}}],\
                "total":{"amount":%s,"currency":"%s"},"customer_id":"%s","payment_method":"%s"}""".formatted(
                eventId, orderId, orderId, PRODUCT, total, currency, total, currency, customerId, paymentMethod);
    }

    static String orderCancelled(String orderId, String reason) {
        return orderDecision("OrderCancelled", orderId, reason);
    }

    static String orderRejected(String orderId, String reason) {
        return orderDecision("OrderRejected", orderId, reason);
    }

    static String orderConfirmed(String orderId, String customerId, String paymentId) {
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

    /** A fresh order id in the gateway's form (a UUID). */
    static String newOrderId() {
        return UUID.randomUUID().toString();
    }

    /** A fresh customer id in the customer-service form (24 hex digits). */
    static String newCustomerId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
