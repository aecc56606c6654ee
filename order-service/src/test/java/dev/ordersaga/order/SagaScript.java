package dev.ordersaga.order;

import java.time.Instant;
import java.util.UUID;

/**
 * One order's saga as the other services put it on the wire: the exact snake_case JSON with its
 * {@code type}, hand-written so a change of the contract breaks these tests. Every method makes a
 * new event (fresh event id); keep the string to send the very same event again.
 */
final class SagaScript {

    static final String PRODUCT_A = "6849dd2a5b6717b8055f93a9";
    static final String PRODUCT_B = "6849dd2b5b6717b8055f93aa";

    final String orderId = UUID.randomUUID().toString();
    final String customerId;
    final String correlationId = "corr-" + UUID.randomUUID();
    Instant at = Instant.now();

    SagaScript(String customerId) {
        this.customerId = customerId;
    }

    SagaScript() {
        this(randomCustomerId());
    }

    static String randomCustomerId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    /** The id of the last event a method of this script made. */
    String lastEventId;

    private String envelope(String type) {
        lastEventId = UUID.randomUUID().toString();
        return """
                "type":"%s","event_id":"%s","order_id":"%s","occurred_at":"%s","correlation_id":"%s\"""".formatted(type, lastEventId, orderId, at, correlationId);
    }

    private static final String LINES = """
            [{"product_id":"%s","quantity":1},{"product_id":"%s","quantity":2}]""".formatted(PRODUCT_A, PRODUCT_B);

    private static final String PRICED_LINES = """
            [{"product_id":"%s","quantity":1,"unit_price":{"amount":19.99,"currency":"EUR"}},\
            {"product_id":"%s","quantity":2,"unit_price":{"amount":5.00,"currency":"EUR"}}]""".formatted(PRODUCT_A, PRODUCT_B);

    private static final String TOTAL = """
            {"amount":29.99,"currency":"EUR"}""";

    String orderRequested(String requestHash) {
        return orderRequested(requestHash, customerId, LINES);
    }

    String orderRequested(String requestHash, String customer, String lines) {
        return """
                {%s,"customer_id":"%s","user_id":"user-%s","lines":%s,"payment_method":"credit_card",\
                "shipping_address":"123 Main St, City, State 12345","billing_address":"123 Main St, City, State 12345",\
                "request_hash":"%s"}""".formatted(envelope("OrderRequested"), customer, customer, lines, requestHash);
    }

    String customerValidated() {
        return """
                {%s,"customer_id":"%s","lines":%s,"payment_method":"credit_card"}""".formatted(envelope("CustomerValidated"), customerId, LINES);
    }

    String customerRejected() {
        return """
                {%s,"customer_id":"%s","reason":"CUSTOMER_INACTIVE","detail":"Customer %s is inactive."}""".formatted(envelope("CustomerRejected"), customerId, customerId);
    }

    String stockReserved() {
        return """
                {%s,"lines":%s,"total":%s,"customer_id":"%s","payment_method":"credit_card"}""".formatted(envelope("StockReserved"), PRICED_LINES, TOTAL, customerId);
    }

    String stockRejected() {
        return """
                {%s,"reason":"INSUFFICIENT_STOCK","product_ids":["%s"],"detail":"Only 1 left."}""".formatted(envelope("StockRejected"), PRODUCT_B);
    }

    String stockReleased() {
        return """
                {%s,"lines":%s,"reason":"PAYMENT_DECLINED"}""".formatted(envelope("StockReleased"), LINES);
    }

    String stockCommitted() {
        return """
                {%s,"lines":%s}""".formatted(envelope("StockCommitted"), LINES);
    }

    String paymentRefunded() {
        return """
                {%s,"payment_id":"pay-%s","amount":%s}""".formatted(envelope("PaymentRefunded"), orderId, TOTAL);
    }

    String paymentCompleted() {
        return """
                {%s,"payment_id":"pay-%s","amount":%s,"payment_method":"credit_card"}""".formatted(envelope("PaymentCompleted"), orderId, TOTAL);
    }

    String paymentFailed() {
        return """
                {%s,"payment_id":"pay-%s","amount":%s,"reason":"PAYMENT_DECLINED","detail":"Declined by the test card."}""".formatted(envelope("PaymentFailed"), orderId, TOTAL);
    }
}
