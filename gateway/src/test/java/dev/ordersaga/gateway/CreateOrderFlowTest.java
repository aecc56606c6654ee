package dev.ordersaga.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.ordersaga.events.EventHeaders;
import dev.ordersaga.events.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** create_order end to end through the broker, the test playing order-service. */
class CreateOrderFlowTest extends GatewayIntegrationTest {

    @Test
    void the_seed_body_with_its_token_is_published_as_OrderRequested_and_confirmed_201_with_the_order()
            throws Exception {
        String user = newUser();

        CompletableFuture<HttpResponse<String>> pending = createOrderAsync(seedBody(customerToken(user)));
        JsonNode request = requests.awaitOne(user);
        orderService.progress(request, "PENDING", "OrderRequested");
        orderService.progress(request, "CUSTOMER_VALIDATED", "CustomerValidated");
        orderService.progress(request, "STOCK_RESERVED", "StockReserved");
        orderService.confirmed(request);
        HttpResponse<String> response = pending.get();

        String orderId = request.get("order_id").asString();
        assertThat(UUID.fromString(orderId)).isNotNull();
        assertThat(request.get("type").asString()).isEqualTo("OrderRequested");
        assertThat(request.get("customer_id").asString()).isEqualTo(CUSTOMER);
        assertThat(request.get("lines"))
                .isEqualTo(
                        JSON.readTree("[{\"product_id\":\"%s\",\"quantity\":1},{\"product_id\":\"%s\",\"quantity\":2}]"
                                .formatted(P1, P2)));
        assertThat(request.get("payment_method").asString()).isEqualTo("credit_card");
        assertThat(request.get("shipping_address").asString()).isEqualTo("123 Main St, City, State 12345");
        assertThat(request.get("request_hash").asString()).matches("[0-9a-f]{64}");
        assertThat(request.get("correlation_id").asString()).isNotBlank();
        assertThat(request.toString()).doesNotContain("token");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).hasValue("/api/orders/" + orderId);
        // the answer names the request's trace, in the header and in the body
        String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(json(response)).isEqualTo(JSON.readTree("""
                        {"order_id": "%1$s", "status": "CONFIRMED", "customer_id": "6849dd2562e5fa1c135a04fb",
                         "lines": [
                           {"product_id": "6849dd2a5b6717b8055f93a9", "quantity": 1,
                            "unit_price": {"amount": 999.99, "currency": "EUR"},
                            "line_total": {"amount": 999.99, "currency": "EUR"}},
                           {"product_id": "6849dd2b5b6717b8055f93aa", "quantity": 2,
                            "unit_price": {"amount": 49.50, "currency": "EUR"},
                            "line_total": {"amount": 99.00, "currency": "EUR"}}],
                         "total": {"amount": 1098.99, "currency": "EUR"},
                         "payment_id": "pay-%1$s",
                         "created_at": "2026-03-01T10:00:00.123Z",
                         "updated_at": "2026-03-01T10:00:00.456Z",
                         "trace_id": "%2$s"}""".formatted(orderId, traceId)));
        // money keeps the currency's scale on the wire
        assertThat(response.body()).contains("\"line_total\":{\"amount\":99.00,\"currency\":\"EUR\"}");
    }

    @Test
    void the_token_may_come_as_a_bearer_header_and_unknown_body_fields_are_ignored() throws Exception {
        String user = newUser();
        String body =
                seedBody(null).replace("\"payment_method\"", "\"gift_wrap\": {\"color\": \"red\"}, \"payment_method\"");

        var pending = createOrderAsync(body, "Authorization", bearer(customerToken(user)));
        JsonNode request = requests.awaitOne(user);
        orderService.confirmed(request);
        HttpResponse<String> response = pending.get();

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).get("order_id").asString())
                .isEqualTo(request.get("order_id").asString());
        assertThat(json(response).get("total").get("amount").decimalValue()).isEqualByComparingTo("1098.99");
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                arguments("REJECTED", "CustomerRejected", "CUSTOMER_NOT_FOUND", List.of(), 422, "CUSTOMER_NOT_FOUND"),
                arguments("REJECTED", "CustomerRejected", "CUSTOMER_INACTIVE", List.of(), 422, "CUSTOMER_INACTIVE"),
                arguments("REJECTED", "StockRejected", "PRODUCT_NOT_FOUND", List.of(P2), 409, "PRODUCT_NOT_FOUND"),
                arguments("REJECTED", "StockRejected", "PRODUCT_INACTIVE", List.of(P1), 409, "PRODUCT_INACTIVE"),
                arguments(
                        "REJECTED", "StockRejected", "INSUFFICIENT_STOCK", List.of(P1, P2), 409, "INSUFFICIENT_STOCK"),
                arguments("REJECTED", "StockRejected", "CURRENCY_MISMATCH", List.of(P2), 409, "CURRENCY_MISMATCH"),
                arguments("REJECTED", "StockReleased", "PAYMENT_DECLINED", List.of(), 402, "PAYMENT_DECLINED"),
                arguments(
                        "REJECTED",
                        "StockReleased",
                        "INVALID_PAYMENT_METHOD",
                        List.of(),
                        402,
                        "INVALID_PAYMENT_METHOD"),
                arguments(
                        "REJECTED", "StockReleased", "AMOUNT_LIMIT_EXCEEDED", List.of(), 402, "AMOUNT_LIMIT_EXCEEDED"),
                arguments("CANCELLED", "OrderCancelled", "CANCELLED_ON_REQUEST", List.of(), 409, "ORDER_CANCELLED"),
                arguments("CANCELLED", "OrderCancelled", "SAGA_TIMEOUT", List.of(), 504, "SAGA_TIMEOUT"));
    }

    @ParameterizedTest(name = "{0} {2} -> {4}")
    @MethodSource("answers")
    void an_ended_order_is_answered_as_the_spec_table_says(
            String status, String lastStep, String reason, List<String> productIds, int http, String code)
            throws Exception {
        String user = newUser();

        var pending = createOrderAsync(seedBody(customerToken(user)));
        JsonNode request = requests.awaitOne(user);
        orderService.progress(request, "PENDING", "OrderRequested");
        if (http == 402) {
            orderService.progress(request, "COMPENSATING", "PaymentFailed");
        }
        orderService.ended(request, status, lastStep, reason, productIds);
        HttpResponse<String> response = pending.get();

        String orderId = request.get("order_id").asString();
        assertThat(response.statusCode()).isEqualTo(http);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(http);
        assertThat(problem.get("code").asString()).isEqualTo(code);
        assertThat(problem.get("reason").asString()).isEqualTo(reason);
        assertThat(problem.get("order_id").asString()).isEqualTo(orderId);
        assertThat(problem.get("status_url").asString()).isEqualTo("/api/orders/" + orderId);
        assertThat(problem.get("detail").asString()).isNotBlank();
        if (http == 409 && !productIds.isEmpty()) {
            assertThat(problem.get("product_ids")).isEqualTo(JSON.valueToTree(productIds));
        }
        if (http == 402) {
            assertThat(problem.get("detail").asString()).contains("stock was released");
        }
        if (http == 504) {
            assertThat(problem.get("last_step").asString()).isEqualTo(lastStep);
        }
    }

    @Test
    void no_reply_within_one_hop_is_504_with_the_order_id_the_last_step_and_the_status_url() throws Exception {
        String user = newUser();
        long start = System.nanoTime();

        var pending = createOrderAsync(seedBody(customerToken(user)));
        JsonNode request = requests.awaitOne(user);
        HttpResponse<String> response = pending.get();
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        String orderId = request.get("order_id").asString();
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(waited).isGreaterThanOrEqualTo(HOP);
        JsonNode problem = json(response);
        assertThat(problem.get("code").asString()).isEqualTo("HOP_TIMEOUT");
        assertThat(problem.get("order_id").asString()).isEqualTo(orderId);
        assertThat(problem.get("last_step").asString()).isEqualTo("OrderRequested");
        assertThat(problem.get("status_url").asString()).isEqualTo("/api/orders/" + orderId);
    }

    @Test
    void the_customers_validation_read_from_its_topic_restarts_the_hop_clock_without_being_parsed() throws Exception {
        String user = newUser();
        Duration gap = HOP.dividedBy(2);
        long start = System.nanoTime();

        var pending = createOrderAsync(seedBody(customerToken(user)));
        JsonNode request = requests.awaitOne(user);
        String orderId = request.get("order_id").asString();
        String replyTo = request.get(EventHeaders.REPLY_TO).asString();
        Awaitility.await().during(gap).atMost(gap.plusSeconds(5)).until(() -> !pending.isDone());
        // its body is not even JSON, the headers say all the gateway needs; were it
        // parsed, it would be skipped as unreadable and the request answered 504 one hop after its start
        customerValidated(orderId, replyTo);
        Awaitility.await().during(HOP.dividedBy(2).plusSeconds(1)).atMost(HOP).until(() -> !pending.isDone());
        HttpResponse<String> response = pending.get();

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(json(response).get("last_step").asString()).isEqualTo("CustomerValidated");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(HOP.plus(HOP.dividedBy(2)));
    }

    @Test
    void another_instances_customer_validation_is_no_progress_for_this_one() throws Exception {
        String user = newUser();
        var pending = createOrderAsync(seedBody(customerToken(user)));
        JsonNode request = requests.awaitOne(user);
        String orderId = request.get("order_id").asString();

        customerValidated(orderId, "gateway-another-instance");
        HttpResponse<String> response = pending.get();

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(json(response).get("last_step").asString())
                .as("the validation named another instance: this one saw no step")
                .isEqualTo("OrderRequested");
    }

    private static void customerValidated(String orderId, String replyTo) {
        kafka.send(
                Topics.CUSTOMER_EVENTS,
                orderId,
                "not JSON: the gateway reads the headers only",
                Map.of(EventHeaders.TYPE, "CustomerValidated", EventHeaders.REPLY_TO, replyTo));
    }

    @Test
    void every_progress_reply_restarts_the_hop_clock_so_a_slow_saga_still_gets_its_answer() throws Exception {
        String user = newUser();
        Duration gap = HOP.dividedBy(2);
        long start = System.nanoTime();

        var pending = createOrderAsync(seedBody(customerToken(user)));
        JsonNode request = requests.awaitOne(user);
        for (String[] step : new String[][] {
            {"PENDING", "OrderRequested"},
            {"CUSTOMER_VALIDATED", "CustomerValidated"},
            {"STOCK_RESERVED", "StockReserved"}
        }) {
            orderService.progress(request, step[0], step[1]);
            // the request stays open for most of a hop after each step: no answer, no 504
            Awaitility.await().during(gap).atMost(gap.plusSeconds(5)).until(() -> !pending.isDone());
        }
        orderService.confirmed(request);
        HttpResponse<String> response = pending.get();

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThan(HOP.multipliedBy(3).dividedBy(2));
    }
}
