package dev.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.localstack.Component;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One create_order is one trace: the stack's Zipkin holds spans of every service on the order's
 * path, the answer names the trace (header and body), the order's page shows it, and the log lines
 * of the saga carry the trace id and the order id. Also for a declined payment and a 504.
 */
@Order(6)
@ExtendWith(E2eStack.class)
class TracingIT {

    private static final Set<String> SAGA_PATH =
            Set.of("gateway", "customer-service", "inventory-service", "payment-service", "order-service");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final E2eStack.Running stack = E2eStack.get();
    private final Orders orders = new Orders(stack);

    @Test
    void a_confirmed_order_is_one_trace_through_every_service_and_back_to_the_gateway() throws Exception {
        String product = orders.newProduct(5, "12.50");

        Placed placed = place(product, "credit_card");

        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.body().path("trace_id").asString()).isEqualTo(placed.traceId());
        assertThat(orders.get(placed.orderId()).json().path("trace_id").asString())
                .isEqualTo(placed.traceId());
        // a routed answer names one trace: the gateway's request, continued by the service
        HttpResponse<String> routed = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.gateway() + "/api/orders/" + placed.orderId()))
                        .header("Authorization", "Bearer " + stack.customerToken())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(routed.headers().allValues("X-Trace-Id"))
                .singleElement()
                .asString()
                .matches("[0-9a-f]{32}");
        JsonNode trace = awaitTrace(
                placed.traceId(),
                spans -> services(spans).containsAll(SAGA_PATH)
                        // the reply consumed back at the gateway, and the commit after the decision
                        && hasSpan(spans, "gateway", "order-replies process")
                        && hasSpan(spans, "inventory-service", "order-events process"));
        assertThat(services(trace)).containsAll(SAGA_PATH);
        assertThat(remoteParentsResolve(trace))
                .as("every span's parent is in the trace")
                .isTrue();
        assertLogsCarry(Component.ORDER, placed.traceId(), placed.orderId());
    }

    @Test
    void a_declined_payment_is_one_trace_with_the_release_of_its_stock() throws Exception {
        String product = orders.newProduct(5, "12.50");

        Placed placed = place(product, "test_declined_card");

        assertThat(placed.status()).as(placed.toString()).isEqualTo(402);
        assertThat(placed.body().path("trace_id").asString()).isEqualTo(placed.traceId());
        JsonNode trace = awaitTrace(
                placed.traceId(),
                spans -> services(spans).containsAll(SAGA_PATH)
                        // PaymentFailed consumed by inventory (the release) and by order-service
                        && hasSpan(spans, "inventory-service", "payment-events process")
                        && hasSpan(spans, "order-service", "payment-events process"));
        assertThat(services(trace)).containsAll(SAGA_PATH);
    }

    @Test
    void a_504_still_gives_the_whole_story_including_the_deadline_cancellation() throws Exception {
        String product = orders.newProduct(5, "12.50");
        stack.stack().stop(Component.PAYMENT);
        Placed placed;
        String outcome;
        try {
            placed = place(product, "credit_card");
            // payment stays away past the saga deadline: order-service's sweep cancels the order
            outcome = orders.awaitTerminal(placed.orderId());
        } finally {
            stack.stack().up();
        }

        assertThat(placed.status()).as(placed.toString()).isEqualTo(504);
        assertThat(placed.body().path("trace_id").asString()).isEqualTo(placed.traceId());
        assertThat(outcome).startsWith("CANCELLED");
        // the sweep's cancellation continues the order's trace, and inventory's release follows it
        awaitTrace(
                placed.traceId(),
                spans -> hasSpan(spans, "order-service", "order-saga sweep")
                        && services(spans).containsAll(Set.of("gateway", "customer-service", "inventory-service")));
    }

    record Placed(int status, String traceId, String orderId, JsonNode body) {}

    private Placed place(String product, String paymentMethod) throws IOException, InterruptedException {
        ObjectNode body = Http.JSON.createObjectNode().put("customer_id", Orders.KLEA_CUSTOMER);
        body.putArray("products").addObject().put("product_id", product).put("quantity", 1);
        body.put("payment_method", paymentMethod)
                .put("shipping_address", "1 Trace St")
                .put("billing_address", "1 Trace St");
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.gateway() + "/api/create_order"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + stack.customerToken())
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "trace-" + UUID.randomUUID())
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = Http.JSON.readTree(response.body());
        String traceId = response.headers().firstValue("X-Trace-Id").orElse(null);
        assertThat(traceId).as("X-Trace-Id of %s", response.body()).matches("[0-9a-f]{32}");
        String orderId = answer.path("order_id").asString(null);
        assertThat(orderId).as("order_id in %s", response.body()).isNotNull();
        return new Placed(response.statusCode(), traceId, orderId, answer);
    }

    /** Waits until Zipkin's trace holds what {@code complete} asks for (spans arrive within a second or so). */
    private JsonNode awaitTrace(String traceId, java.util.function.Predicate<JsonNode> complete) {
        return Awaitility.await("trace " + traceId + " in Zipkin")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> trace(traceId), complete);
    }

    private JsonNode trace(String traceId) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(stack.zipkinUrl() + "/api/v2/trace/" + traceId))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.JSON.readTree(response.body());
    }

    private static Set<String> services(JsonNode spans) {
        Set<String> names = new TreeSet<>();
        spans.forEach(
                span -> names.add(span.path("localEndpoint").path("serviceName").asString("")));
        return names;
    }

    private static boolean hasSpan(JsonNode spans, String service, String name) {
        for (JsonNode span : spans) {
            if (span.path("localEndpoint").path("serviceName").asString("").equals(service)
                    && span.path("name").asString("").equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** One tree: every parent id named by a span is a span of the trace, and there is one root. */
    private static boolean remoteParentsResolve(JsonNode spans) {
        Set<String> ids = new TreeSet<>();
        spans.forEach(span -> ids.add(span.path("id").asString()));
        long roots = 0;
        for (JsonNode span : spans) {
            String parent = span.path("parentId").asString(null);
            if (parent == null) {
                roots++;
            } else if (!ids.contains(parent)) {
                return false;
            }
        }
        return roots == 1;
    }

    private void assertLogsCarry(Component component, String traceId, String orderId) {
        Awaitility.await(component.id() + " log lines with trace and order id")
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> {
                    List<String> lines =
                            Files.readAllLines(stack.stack().config().logFile(component));
                    assertThat(lines)
                            .as("a line of %s with trace %s and order %s", component.id(), traceId, orderId)
                            .anyMatch(line -> line.contains(traceId) && line.contains("order=" + orderId));
                });
    }
}
