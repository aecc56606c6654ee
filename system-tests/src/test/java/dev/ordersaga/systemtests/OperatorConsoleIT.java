package dev.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.localstack.Component;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.node.ObjectNode;

/**
 * The operator console in a real headless Chromium against the real stack: only an ADMIN gets in,
 * an order is found by its id and shows its saga with the compensation, a dead-lettered record is
 * re-driven and its topic's waiting count falls, and an order held stuck (payment-service stopped)
 * is cancelled from the console and ends CANCELLED with its stock back. Skipped without Chromium.
 */
@Order(6)
@ExtendWith(E2eStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorConsoleIT {

    private static ConsoleBrowser browser;
    private final E2eStack.Running stack = E2eStack.get();
    private final Orders orders = new Orders(stack);

    @BeforeAll
    static void openBrowser() {
        E2eStack.Running running = E2eStack.get();
        browser = ConsoleBrowser.open(
                "http://127.0.0.1:" + running.stack().config().port(Component.CONSOLE));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void a_customer_account_is_refused_with_a_clear_403_page_and_a_wrong_password_stays_out() {
        browser.signIn("klea", "password123");
        assertThat(browser.text("denied")).contains("403");
        assertThat(browser.driver().getPageSource()).contains("klea").contains("ADMIN");
        browser.shot("console-denied", false);

        browser.signIn("admin", "not-the-password");
        assertThat(browser.driver().getCurrentUrl()).contains("/login?failed");
        assertThat(browser.text("error")).containsIgnoringCase("wrong username or password");
    }

    @Test
    @Order(2)
    void an_order_found_by_its_id_shows_its_saga_with_the_stock_reserved_then_released() {
        String product = orders.newProduct(4, "7.50");
        Http.Answer declined = place(product, "test_declined_card", "console-declined-" + UUID.randomUUID());
        assertThat(declined.status()).as(declined.toString()).isEqualTo(402);
        String orderId = declined.text("order_id");

        browser.signIn("admin", "admin12345");
        assertThat(browser.text("operator")).isEqualTo("admin");
        browser.shot("console-orders", false);
        browser.driver().findElement(By.id("order-id")).sendKeys(orderId);
        browser.submit(By.id("search"));

        assertThat(browser.driver().getCurrentUrl()).endsWith("/orders/" + orderId);
        assertThat(browser.text("status")).isEqualTo("REJECTED");
        assertThat(browser.text("reason")).isEqualTo("PAYMENT_DECLINED");
        List<String> events =
                browser.driver().findElements(By.cssSelector("#timeline tbody tr td:nth-child(3)")).stream()
                        .map(WebElement::getText)
                        .toList();
        assertThat(events).containsSubsequence("StockReserved", "PaymentFailed", "StockReleased", "OrderRejected");
        assertThat(browser.driver()
                        .findElement(By.cssSelector("#timeline tr.compensation"))
                        .getText())
                .contains("StockReleased")
                .contains("inventory-service");
        assertThat(browser.text("compensations")).contains("StockReleased");
        assertThat(browser.text("reservation-status")).isEqualTo("RELEASED");
        assertThat(browser.text("payment-status")).isEqualTo("DECLINED");
        assertThat(browser.driver().findElement(By.id("trace")).getAttribute("href"))
                .contains("/zipkin/traces/");
        browser.shot("console-order", false);
        browser.shot("console-order-phone", true);
    }

    @Test
    @Order(3)
    void a_dead_lettered_record_is_re_driven_from_the_console_and_its_topic_waits_for_one_less() throws Exception {
        String orderId = "console-dlt-" + UUID.randomUUID();
        DeadLettered.orderCancelled(stack.stack().config().kafkaBootstrap(), orderId, "the console test put it here");
        browser.signIn("admin", "admin12345");
        browser.go("/dead-letters");
        long before = waiting("order-events.DLT");
        assertThat(before).isPositive();
        WebElement row = browser.find("#records tr[data-order='" + orderId + "']");
        assertThat(row.getText())
                .contains("OrderCancelled")
                .contains("IllegalStateException")
                .contains("waiting");
        browser.shot("console-dead-letters", false);

        row.findElement(By.name("ref")).click();
        browser.submit(By.id("redrive-selected"));

        assertThat(browser.text("message")).contains("re-drove 1 record");
        assertThat(waiting("order-events.DLT")).isEqualTo(before - 1);
        assertThat(browser.driver()
                        .findElement(By.cssSelector("#records tr[data-order='" + orderId + "']"))
                        .getText())
                .contains("re-driven");
        browser.go("/audit");
        assertThat(browser.driver()
                        .findElement(By.cssSelector("#audit tbody tr"))
                        .getText())
                .contains("admin")
                .contains("REDRIVE")
                .contains("OK")
                .contains("re-drove 1 record");
        browser.shot("console-audit", false);
    }

    @Test
    @Order(4)
    void an_order_held_stuck_by_a_stopped_participant_is_cancelled_from_the_console_and_its_stock_comes_back() {
        String product = orders.newProduct(5, "3.20");
        browser.signIn("admin", "admin12345");
        stack.stack().stop(Component.PAYMENT);
        try {
            // the gateway answers 504 after a hop without progress; the order waits for payment meanwhile,
            // and order-service's deadline (E2eStack.SAGA_DEADLINE) would cancel it: the console is quicker
            placeAsync(product, "console-stuck-" + UUID.randomUUID());
            String orderId = Awaitility.await("the order of " + product + " recorded")
                    .atMost(Duration.ofSeconds(8))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> orderOf(product), id -> id != null);
            browser.go("/orders/" + orderId);
            assertThat(browser.text("status")).isNotIn("CONFIRMED", "REJECTED", "CANCELLED");
            browser.submit(By.id("cancel"));

            assertThat(browser.text("message")).contains("CANCELLED");
            assertThat(browser.text("status")).isEqualTo("CANCELLED");
            assertThat(browser.text("reason"))
                    .as("cancelled by the operator, not by the saga's deadline")
                    .isEqualTo("CANCELLED_ON_REQUEST");
            assertThat(browser.text("payment-error"))
                    .as("a stopped participant is said, the page still shows the order")
                    .contains("payment-service");
            browser.shot("console-order-cancelled", false);
        } finally {
            stack.stack().up();
        }
        // inventory releases on OrderCancelled: the page shows it by itself (htmx), and the stock is back
        Awaitility.await("the reservation released on the order's page")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> browser.text("reservation-status"), "RELEASED"::equals);
        Awaitility.await("the stock back")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> orders.product(product)
                                .path("stock")
                                .path("available")
                                .asInt(),
                        available -> available == 5);
        browser.go("/stock");
        assertThat(browser.driver()
                        .findElement(By.cssSelector("#stock tr[data-product='" + product + "'] .available"))
                        .getText())
                .isEqualTo("5");
        assertThat(browser.text("invariant")).contains("holds");
        browser.shot("console-stock", false);
        browser.go("/stuck");
        browser.shot("console-stuck", false);
        browser.go("/health");
        assertThat(browser.text("services")).contains("order-service").contains("UP");
        browser.shot("console-health", false);
    }

    /** The id of the newest order with a line of {@code product} (admin API), or null while there is none. */
    private String orderOf(String product) {
        Http.Answer page = Http.get(stack.gateway() + "/api/orders?size=20", stack.adminToken());
        for (var order : page.json().path("items")) {
            for (var line : order.path("lines")) {
                if (product.equals(line.path("product_id").asString())) {
                    return order.path("order_id").asString();
                }
            }
        }
        return null;
    }

    private long waiting(String dlt) {
        return Long.parseLong(browser.find("#topics tr[data-topic='" + dlt + "'] .waiting")
                .getText()
                .trim());
    }

    private Http.Answer place(String product, String paymentMethod, String key) {
        return Http.post(
                stack.gateway() + "/api/create_order",
                stack.customerToken(),
                body(product, paymentMethod),
                Map.of("Idempotency-Key", key));
    }

    private CompletableFuture<HttpResponse<String>> placeAsync(String product, String key) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.gateway() + "/api/create_order"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + stack.customerToken())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body(product, "credit_card")))
                .build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String body(String product, String paymentMethod) {
        ObjectNode body = Http.JSON.createObjectNode().put("customer_id", Orders.KLEA_CUSTOMER);
        body.putArray("products").addObject().put("product_id", product).put("quantity", 1);
        return body.put("payment_method", paymentMethod)
                .put("shipping_address", "1 Console St")
                .put("billing_address", "1 Console St")
                .toString();
    }
}
