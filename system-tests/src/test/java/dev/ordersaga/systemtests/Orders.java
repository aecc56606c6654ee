package dev.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What the scenario tests do through the gateway: create products and orders, read invariants. */
final class Orders {

    static final String KLEA_CUSTOMER = "6849dd2562e5fa1c135a04fb";
    static final String MOUSE = "6849dd2a5b6717b8055f93a9";

    private final E2eStack.Running stack;

    Orders(E2eStack.Running stack) {
        this.stack = stack;
    }

    static String newObjectId() {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A new active product with this much stock (admin); returns its id. */
    String newProduct(int stock, String price) {
        String id = newObjectId();
        ObjectNode body = Http.JSON
                .createObjectNode()
                .put("id", id)
                .put("sku", "E2E-" + id)
                .put("name", "e2e product " + id)
                .put("description", "made by the end-to-end suite")
                .put("stock", stock)
                .put("active", true);
        body.putObject("price").put("amount", new java.math.BigDecimal(price)).put("currency", "EUR");
        Http.Answer answer =
                Http.post(stack.gateway() + "/api/products", stack.adminToken(), body.toString(), Map.of());
        assertThat(answer.status()).as("create product: %s", answer).isEqualTo(201);
        return id;
    }

    /** create_order for a customer, one line, with an Idempotency-Key. */
    Http.Answer order(String token, String customerId, String productId, int quantity, String key) {
        ObjectNode body = Http.JSON.createObjectNode().put("customer_id", customerId);
        body.putArray("products").addObject().put("product_id", productId).put("quantity", quantity);
        body.put("payment_method", "credit_card")
                .put("shipping_address", "123 Main St, City, State 12345")
                .put("billing_address", "123 Main St, City, State 12345");
        return Http.post(stack.gateway() + "/api/create_order", token, body.toString(), Map.of("Idempotency-Key", key));
    }

    /** The order as order-service records it (admin). */
    Http.Answer get(String orderId) {
        return Http.get(stack.gateway() + "/api/orders/" + orderId, stack.adminToken());
    }

    /**
     * Waits until the order is decided and tells how it ended: {@code CONFIRMED}, or {@code REJECTED}/{@code CANCELLED}
     * followed by its reason code.
     */
    String awaitTerminal(String orderId) {
        return Awaitility.await("order " + orderId + " decided")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            JsonNode order = get(orderId).json();
                            String status = order.path("status").asString("");
                            if (!Set.of("CONFIRMED", "REJECTED", "CANCELLED").contains(status)) {
                                return null;
                            }
                            return status.equals("CONFIRMED")
                                    ? status
                                    : status + " " + order.path("reason").asString("");
                        },
                        outcome -> outcome != null);
    }

    /** Waits until inventory reports every product's stock adds up and nothing is held for a decided order. */
    void awaitInventoryInvariants() {
        Awaitility.await("inventory invariants hold")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    Http.Answer answer = Http.get(stack.gateway() + "/api/inventory/invariants", stack.adminToken());
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
                    assertThat(answer.json().path("ok").asBoolean(false))
                            .as(answer.toString())
                            .isTrue();
                });
    }

    /** The product's stock as inventory-service shows it. */
    JsonNode product(String productId) {
        Http.Answer answer = Http.get(stack.gateway() + "/api/products/" + productId, stack.adminToken());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }
}
