package dev.ordersaga.testsupport.participant;

import static dev.ordersaga.testsupport.participant.SagaEvents.PRODUCT;
import static dev.ordersaga.testsupport.participant.SagaEvents.PRODUCT_B;

import java.time.Instant;
import java.util.UUID;

/**
 * One order's saga as the services put it on the wire: the exact snake_case JSON with its {@code
 * type}, hand-written so a change of the contract breaks the tests that send it. The order is {@link
 * SagaEvents#oneOrder}'s: {@link SagaEvents#LINES}, priced as {@link SagaEvents#PRICED} for {@link
 * SagaEvents#TOTAL}, payment {@code "pay-" + orderId}, correlation id {@code "corr-" + orderId}.
 * Every method makes a new event (a fresh event id, kept in {@link #lastEventId()}); keep the string
 * to send the very same event again.
 */
public final class SagaScript {

    private static final String LINES = """
            [{"product_id":"%s","quantity":1},{"product_id":"%s","quantity":2}]""".formatted(PRODUCT, PRODUCT_B);

    private static final String PRICED_LINES = """
            [{"product_id":"%s","quantity":1,"unit_price":{"amount":19.99,"currency":"EUR"}},\
            {"product_id":"%s","quantity":2,"unit_price":{"amount":5.00,"currency":"EUR"}}]""".formatted(PRODUCT, PRODUCT_B);

    private static final String TOTAL = """
            {"amount":29.99,"currency":"EUR"}""";

    public final String orderId = SagaEvents.newOrderId();
    public final String customerId;
    public final String correlationId = "corr-" + orderId;
    private Instant at = Instant.now();
    private String lastEventId;

    /** A new order of this customer. */
    public SagaScript(String customerId) {
        this.customerId = customerId;
    }

    /** A new order of a new customer. */
    public SagaScript() {
        this(SagaEvents.newCustomerId());
    }

    /** Stamps the events made from now on with {@code at} (by default, when the script was made). */
    public SagaScript at(Instant at) {
        this.at = at;
        return this;
    }

    /** The id of the last event a method of this script made. */
    public String lastEventId() {
        return lastEventId;
    }

    private String envelope(String type) {
        lastEventId = UUID.randomUUID().toString();
        return """
                "type":"%s","event_id":"%s","order_id":"%s","occurred_at":"%s","correlation_id":"%s\"""".formatted(type, lastEventId, orderId, at, correlationId);
    }

    /** The gateway's {@code OrderRequested} for this order. */
    public String orderRequested(String requestHash) {
        return orderRequested(requestHash, customerId, LINES);
    }

    /** The gateway's {@code OrderRequested} under this order's id, for another customer and lines (JSON). */
    public String orderRequested(String requestHash, String customer, String lines) {
        return """
                {%s,"customer_id":"%s","user_id":"user-%s","lines":%s,"payment_method":"credit_card",\
                "shipping_address":"123 Main St, City, State 12345","billing_address":"123 Main St, City, State 12345",\
                "request_hash":"%s"}""".formatted(envelope("OrderRequested"), customer, customer, lines, requestHash);
    }

    public String customerValidated() {
        return """
                {%s,"customer_id":"%s","lines":%s,"payment_method":"credit_card"}""".formatted(envelope("CustomerValidated"), customerId, LINES);
    }

    public String customerRejected() {
        return """
                {%s,"customer_id":"%s","reason":"CUSTOMER_INACTIVE","detail":"Customer %s is inactive."}""".formatted(envelope("CustomerRejected"), customerId, customerId);
    }

    public String stockReserved() {
        return """
                {%s,"lines":%s,"total":%s,"customer_id":"%s","payment_method":"credit_card"}""".formatted(envelope("StockReserved"), PRICED_LINES, TOTAL, customerId);
    }

    public String stockRejected() {
        return """
                {%s,"reason":"INSUFFICIENT_STOCK","product_ids":["%s"],"detail":"Only 1 left."}""".formatted(envelope("StockRejected"), PRODUCT_B);
    }

    public String stockReleased() {
        return """
                {%s,"lines":%s,"reason":"PAYMENT_DECLINED"}""".formatted(envelope("StockReleased"), LINES);
    }

    public String stockCommitted() {
        return """
                {%s,"lines":%s}""".formatted(envelope("StockCommitted"), LINES);
    }

    public String paymentRefunded() {
        return """
                {%s,"payment_id":"pay-%s","amount":%s}""".formatted(envelope("PaymentRefunded"), orderId, TOTAL);
    }

    public String paymentCompleted() {
        return """
                {%s,"payment_id":"pay-%s","amount":%s,"payment_method":"credit_card"}""".formatted(envelope("PaymentCompleted"), orderId, TOTAL);
    }

    public String paymentFailed() {
        return """
                {%s,"payment_id":"pay-%s","amount":%s,"reason":"PAYMENT_DECLINED","detail":"Declined by the test card."}""".formatted(envelope("PaymentFailed"), orderId, TOTAL);
    }
}
