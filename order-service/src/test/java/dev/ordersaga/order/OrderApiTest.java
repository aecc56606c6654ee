package dev.ordersaga.order;

import static dev.ordersaga.events.OrderStatus.CONFIRMED;
import static dev.ordersaga.events.OrderStatus.REJECTED;
import static dev.ordersaga.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.OrderCancelled;
import dev.ordersaga.events.Topics;
import dev.ordersaga.testsupport.PagingContract;
import dev.ordersaga.testsupport.TestJwks;
import dev.ordersaga.testsupport.Untraced;
import dev.ordersaga.testsupport.participant.SagaEvents;
import dev.ordersaga.testsupport.participant.SagaScript;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** The orders API: what a customer and an admin see and may do. */
class OrderApiTest extends OrderServiceTestBase {

    private static String customerToken(SagaScript saga) {
        return TestJwks.get().customerToken("user-" + saga.customerId, saga.customerId);
    }

    private static String strangerToken() {
        return TestJwks.get().customerToken("stranger", SagaEvents.newCustomerId());
    }

    private static SagaScript confirmedOrder() {
        var saga = new SagaScript();
        send(Topics.ORDER_REQUESTS, saga, saga.orderRequested("h"));
        send(Topics.CUSTOMER_EVENTS, saga, saga.customerValidated());
        send(Topics.INVENTORY_EVENTS, saga, saga.stockReserved());
        send(Topics.PAYMENT_EVENTS, saga, saga.paymentCompleted());
        awaitReply(saga.orderId, CONFIRMED);
        return saga;
    }

    private SagaScript validatedOrder(SagaScript saga) {
        send(Topics.ORDER_REQUESTS, saga, saga.orderRequested("h"));
        send(Topics.CUSTOMER_EVENTS, saga, saga.customerValidated());
        awaitValidated(saga.orderId);
        return saga;
    }

    @Test
    void the_owner_sees_the_order_with_priced_lines_total_payment_and_timeline() throws Exception {
        var saga = confirmedOrder();

        var response = get("/api/orders/" + saga.orderId, customerToken(saga));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode order = json(response);
        assertThat(order.get("order_id").asString()).isEqualTo(saga.orderId);
        assertThat(order.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(order.get("customer_id").asString()).isEqualTo(saga.customerId);
        assertThat(order.get("payment_id").asString()).isEqualTo("pay-" + saga.orderId);
        assertThat(order.get("total").get("amount").decimalValue()).isEqualByComparingTo("29.99");
        assertThat(order.get("lines")).hasSize(2);
        assertThat(order.get("lines").get(0).get("product_id").asString()).isEqualTo(SagaEvents.PRODUCT);
        assertThat(order.get("lines").get(0).get("unit_price").get("amount").decimalValue())
                .isEqualByComparingTo("19.99");
        assertThat(order.get("lines").get(1).get("line_total").get("amount").decimalValue())
                .isEqualByComparingTo("10.00");
        List<String> steps = new ArrayList<>();
        order.get("timeline").forEach(step -> steps.add(step.get("type").asString()));
        assertThat(steps)
                .containsExactlyInAnyOrder(
                        "OrderRequested", "CustomerValidated", "StockReserved", "PaymentCompleted", "OrderConfirmed");
        assertThat(order.get("timeline").get(0).get("service").asString()).isNotBlank();
        assertThat(order.get("created_at").asString()).isNotBlank();
        assertThat(order.get("updated_at").asString()).isNotBlank();
    }

    @Test
    void a_rejected_order_shows_its_reason_and_products() throws Exception {
        var saga = new SagaScript();
        send(Topics.ORDER_REQUESTS, saga, saga.orderRequested("h"));
        send(Topics.CUSTOMER_EVENTS, saga, saga.customerValidated());
        send(Topics.INVENTORY_EVENTS, saga, saga.stockRejected());
        awaitReply(saga.orderId, REJECTED);

        JsonNode order = json(get("/api/orders/" + saga.orderId, customerToken(saga)));

        assertThat(order.get("status").asString()).isEqualTo("REJECTED");
        assertThat(order.get("reason").asString()).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(order.get("detail").asString()).isEqualTo("Only 1 left.");
        assertThat(order.get("product_ids").get(0).asString()).isEqualTo(SagaEvents.PRODUCT_B);
        // Not reserved, so no prices: the lines are the requested ones.
        assertThat(order.get("lines").get(1).get("quantity").asInt()).isEqualTo(2);
        assertThat(order.get("lines").get(1).get("unit_price").isNull()).isTrue();
    }

    @Test
    void another_customer_gets_the_same_404_as_for_a_missing_order_and_an_admin_may_look() throws Exception {
        var saga = new SagaScript();
        send(Topics.ORDER_REQUESTS, saga, saga.orderRequested("h"));
        awaitRequested(saga.orderId);
        String missing = UUID.randomUUID().toString();

        var stranger = get("/api/orders/" + saga.orderId, strangerToken());
        var nothing = get("/api/orders/" + missing, strangerToken());
        var admin = get("/api/orders/" + saga.orderId, TestJwks.get().adminToken());

        assertProblem(stranger, 404, "ORDER_NOT_FOUND");
        assertThat(Untraced.body(stranger.body()).replace(saga.orderId, "ID"))
                .isEqualTo(Untraced.body(nothing.body()).replace(missing, "ID"));
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(json(admin).get("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void an_unknown_order_is_404_and_an_id_that_is_no_uuid_is_400() throws Exception {
        var unknown = get("/api/orders/" + UUID.randomUUID(), TestJwks.get().adminToken());
        var malformed = get("/api/orders/not-a-uuid", TestJwks.get().adminToken());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(json(unknown).get("code").asString()).isEqualTo("ORDER_NOT_FOUND");
        assertProblem(malformed, 400, "INVALID_ORDER_ID");
    }

    @Test
    void the_owner_cancels_an_undecided_order_and_the_participants_and_the_gateway_are_told() throws Exception {
        var saga = validatedOrder(new SagaScript());

        var response = post("/api/orders/" + saga.orderId + "/cancel", customerToken(saga));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(json(response).get("reason").asString()).isEqualTo("CANCELLED_ON_REQUEST");
        JsonNode cancelled = awaitOutcome(saga.orderId, "OrderCancelled");
        assertThat(cancelled.get("reason").asString()).isEqualTo("CANCELLED_ON_REQUEST");
        assertThat(cancelled.get("event_id").asString())
                .isEqualTo(EventIds.about(saga.orderId, OrderCancelled.class).toString());
        JsonNode reply =
                awaitReply(saga.orderId, r -> "CANCELLED".equals(r.get("status").asString()));
        assertThat(reply.get("reason").asString()).isEqualTo("CANCELLED_ON_REQUEST");
        assertThat(reply.get("request_hash").asString()).isEqualTo("h");

        var again = post("/api/orders/" + saga.orderId + "/cancel", customerToken(saga));

        assertProblem(again, 409, "ORDER_ALREADY_TERMINAL");
        assertThat(outcomes(saga.orderId, "OrderCancelled")).hasSize(1);
    }

    @Test
    void a_confirmed_order_cannot_be_cancelled() throws Exception {
        var saga = confirmedOrder();

        var response = post("/api/orders/" + saga.orderId + "/cancel", customerToken(saga));

        assertProblem(response, 409, "ORDER_ALREADY_TERMINAL");
        assertThat(json(response).get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(json(get("/api/orders/" + saga.orderId, customerToken(saga)))
                        .get("status")
                        .asString())
                .isEqualTo("CONFIRMED");
    }

    @Test
    void another_customer_may_not_cancel_but_an_admin_may() throws Exception {
        var saga = validatedOrder(new SagaScript());

        var stranger = post("/api/orders/" + saga.orderId + "/cancel", strangerToken());

        assertProblem(stranger, 404, "ORDER_NOT_FOUND");
        assertThat(json(get("/api/orders/" + saga.orderId, customerToken(saga)))
                        .get("status")
                        .asString())
                .isEqualTo("CUSTOMER_VALIDATED");

        var admin =
                post("/api/orders/" + saga.orderId + "/cancel", TestJwks.get().adminToken());

        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(json(admin).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(awaitOutcome(saga.orderId, "OrderCancelled").get("reason").asString())
                .isEqualTo("CANCELLED_ON_REQUEST");
    }

    @Test
    void cancelling_an_unknown_order_is_404() throws Exception {
        var response = post(
                "/api/orders/" + UUID.randomUUID() + "/cancel", TestJwks.get().adminToken());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void a_customer_lists_only_their_own_orders_page_by_page_and_by_status() throws Exception {
        String customer = SagaEvents.newCustomerId();
        var first = validatedOrder(new SagaScript(customer));
        var second = validatedOrder(new SagaScript(customer));
        var rejected = new SagaScript(customer);
        send(Topics.ORDER_REQUESTS, rejected, rejected.orderRequested("h"));
        send(Topics.CUSTOMER_EVENTS, rejected, rejected.customerRejected());
        awaitReply(rejected.orderId, REJECTED);
        var someoneElses = new SagaScript();
        send(Topics.ORDER_REQUESTS, someoneElses, someoneElses.orderRequested("h"));
        awaitRequested(someoneElses.orderId);
        String token = customerToken(first);

        JsonNode page0 = json(get("/api/orders?page=0&size=2", token));
        JsonNode page1 = json(get("/api/orders?page=1&size=2", token));
        JsonNode onlyRejected = json(get("/api/orders?status=REJECTED", token));

        assertThat(page0.get("total_elements").asLong()).isEqualTo(3);
        assertThat(page0.get("total_pages").asInt()).isEqualTo(2);
        assertThat(page0.get("items")).hasSize(2);
        assertThat(page1.get("items")).hasSize(1);
        List<String> listed = new ArrayList<>();
        page0.get("items").forEach(i -> listed.add(i.get("order_id").asString()));
        page1.get("items").forEach(i -> listed.add(i.get("order_id").asString()));
        assertThat(listed).containsExactlyInAnyOrder(first.orderId, second.orderId, rejected.orderId);
        assertThat(onlyRejected.get("total_elements").asLong()).isEqualTo(1);
        assertThat(onlyRejected.get("items").get(0).get("order_id").asString()).isEqualTo(rejected.orderId);
        assertThat(onlyRejected.get("items").get(0).get("reason").asString()).isEqualTo("CUSTOMER_INACTIVE");

        JsonNode strangers = json(get("/api/orders", strangerToken()));
        assertThat(strangers.get("total_elements").asLong()).isZero();
    }

    @Test
    void paging_ends_with_an_empty_page_and_refuses_an_offset_the_store_cannot_skip() throws Exception {
        String customer = SagaEvents.newCustomerId();
        var first = validatedOrder(new SagaScript(customer));
        validatedOrder(new SagaScript(customer));
        validatedOrder(new SagaScript(customer));
        String token = customerToken(first);

        long total = PagingContract.assertPagingEnds(paging -> get("/api/orders?" + paging, token));

        assertThat(total).isEqualTo(3);
    }

    @Test
    void an_admin_lists_every_customers_orders() throws Exception {
        var mine = validatedOrder(new SagaScript());
        var theirs = validatedOrder(new SagaScript());

        JsonNode all = json(get(
                "/api/orders?size=100&status=CUSTOMER_VALIDATED", TestJwks.get().adminToken()));

        List<String> listed = new ArrayList<>();
        all.get("items").forEach(i -> listed.add(i.get("order_id").asString()));
        assertThat(listed).contains(mine.orderId, theirs.orderId);
        assertThat(all.get("items"))
                .allSatisfy(i -> assertThat(i.get("status").asString()).isEqualTo("CUSTOMER_VALIDATED"));
    }

    @Test
    void list_parameters_out_of_range_are_400() throws Exception {
        String admin = TestJwks.get().adminToken();

        assertThat(get("/api/orders?size=0", admin).statusCode()).isEqualTo(400);
        assertThat(get("/api/orders?size=1000", admin).statusCode()).isEqualTo(400);
        assertThat(get("/api/orders?page=-1", admin).statusCode()).isEqualTo(400);
        var badStatus = get("/api/orders?status=SHIPPED", admin);
        assertProblem(badStatus, 400, "VALIDATION_FAILED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ordersaga.testsupport.TestJwks#badTokenCases")
    void a_token_that_cannot_be_trusted_is_401(String why, String token) throws Exception {
        var list = get("/api/orders", token);
        var cancel = post("/api/orders/" + UUID.randomUUID() + "/cancel", token);

        assertThat(list.statusCode()).as(why).isEqualTo(401);
        assertThat(json(list).get("code").asString()).isEqualTo("UNAUTHORIZED");
        assertThat(cancel.statusCode()).as(why).isEqualTo(401);
    }

    @Test
    void no_token_is_401_but_health_and_api_docs_are_open() throws Exception {
        assertThat(get("/api/orders", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        var docs = get("/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(json(docs).get("paths").has("/api/orders/{id}/cancel")).isTrue();
    }
}
