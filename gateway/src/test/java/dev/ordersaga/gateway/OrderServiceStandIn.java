package dev.ordersaga.gateway;

import dev.ordersaga.events.EventHeaders;
import dev.ordersaga.events.Topics;
import dev.ordersaga.testsupport.KafkaTestClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Plays order-service on the reply topic: publishes the exact {@code OrderStatusChanged} JSON
 * order-service publishes (snake_case, {@code type}, nulls left out), keyed by order id, with the
 * request's {@code reply_to} header (the gateway instance that published it) as order-service's
 * replies carry it.
 */
final class OrderServiceStandIn {

    static final String CREATED_AT = "2026-03-01T10:00:00.123Z";

    private final KafkaTestClient kafka;

    OrderServiceStandIn(KafkaTestClient kafka) {
        this.kafka = kafka;
    }

    /** A step of progress: the order is not terminal yet. */
    void progress(JsonNode request, String status, String lastStep) {
        send(
                request,
                status,
                lastStep,
                null,
                List.of(),
                null,
                request.get("request_hash").asString());
    }

    /** A rejection or cancellation with its reason (and the products it names). */
    void ended(JsonNode request, String status, String lastStep, String reason, List<String> productIds) {
        send(
                request,
                status,
                lastStep,
                reason,
                productIds,
                null,
                request.get("request_hash").asString());
    }

    /** The confirmation, with the catalog prices of {@link #PRICES}. */
    void confirmed(JsonNode request) {
        confirmed(request, request.get("request_hash").asString());
    }

    /** The confirmation carrying {@code storedHash} (what order-service stored for this order id). */
    void confirmed(JsonNode request, String storedHash) {
        send(request, "CONFIRMED", "PaymentCompleted", null, List.of(), confirmedPart(request), storedHash);
    }

    /** Unit prices the stand-in's catalog has: the first product 999.99 EUR, any other 49.50 EUR. */
    static String unitPrice(String productId) {
        return productId.equals(GatewayIntegrationTest.P1) ? "999.99" : "49.50";
    }

    private static String confirmedPart(JsonNode request) {
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        StringBuilder lines = new StringBuilder();
        for (JsonNode line : request.get("lines")) {
            String productId = line.get("product_id").asString();
            int quantity = line.get("quantity").asInt();
            total = total.add(
                    new java.math.BigDecimal(unitPrice(productId)).multiply(java.math.BigDecimal.valueOf(quantity)));
            lines.append(lines.isEmpty() ? "" : ",")
                    .append(
                            "{\"product_id\":\"%s\",\"quantity\":%d,\"unit_price\":{\"amount\":%s,\"currency\":\"EUR\"}}"
                                    .formatted(productId, quantity, unitPrice(productId)));
        }
        return "\"lines\":[%s],\"total\":{\"amount\":%s,\"currency\":\"EUR\"},\"payment_id\":\"pay-%s\""
                .formatted(lines, total.toPlainString(), request.get("order_id").asString());
    }

    private void send(
            JsonNode request,
            String status,
            String lastStep,
            String reason,
            List<String> productIds,
            String confirmed,
            String requestHash) {
        String orderId = request.get("order_id").asString();
        String json = "{\"type\":\"OrderStatusChanged\",\"event_id\":\"%s\",\"order_id\":\"%s\",\"occurred_at\":\"%s\","
                        .formatted(UUID.randomUUID(), orderId, Instant.now())
                + "\"correlation_id\":\"%s\",\"status\":\"%s\",\"last_step\":\"%s\","
                        .formatted(request.get("correlation_id").asString(), status, lastStep)
                + (reason == null ? "" : "\"reason\":\"%s\",".formatted(reason))
                + "\"product_ids\":[%s],"
                        .formatted(productIds.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(",")))
                + "\"customer_id\":\"%s\",\"request_hash\":\"%s\","
                        .formatted(request.get("customer_id").asString(), requestHash)
                + (confirmed == null ? "\"lines\":[]," : confirmed + ",")
                + "\"created_at\":\"%s\",\"updated_at\":\"2026-03-01T10:00:00.456Z\"}".formatted(CREATED_AT);
        JsonNode replyTo = request.get(EventHeaders.REPLY_TO);
        kafka.send(
                Topics.ORDER_REPLIES,
                orderId,
                json,
                replyTo == null ? Map.of() : Map.of(EventHeaders.REPLY_TO, replyTo.asString()));
    }
}
