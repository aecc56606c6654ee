package dev.ordersaga.payment.api;

import static dev.ordersaga.testsupport.ProblemAssertions.assertProblem;
import static dev.ordersaga.testsupport.participant.SagaEvents.newCustomerId;
import static dev.ordersaga.testsupport.participant.SagaEvents.newOrderId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.Money;
import dev.ordersaga.events.PaymentCompleted;
import dev.ordersaga.events.PaymentEvent;
import dev.ordersaga.events.PaymentFailed;
import dev.ordersaga.events.PricedLine;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.StockReserved;
import dev.ordersaga.payment.saga.PaymentSteps;
import dev.ordersaga.testsupport.OperationalEndpoints;
import dev.ordersaga.testsupport.PagingContract;
import dev.ordersaga.testsupport.SagaServiceTest;
import dev.ordersaga.testsupport.TestHttp;
import dev.ordersaga.testsupport.TestJwks;
import dev.ordersaga.testsupport.Untraced;
import dev.ordersaga.testsupport.participant.ParticipantHarness;
import dev.ordersaga.testsupport.participant.SagaEvents;
import dev.ordersaga.testsupport.participant.SagaJson;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The read API: who may see which payment, the admin list, and what bad input gets. */
@SagaServiceTest
class PaymentApiTest {

    @LocalServerPort
    int port;

    @Autowired
    PaymentSteps steps;

    @Test
    void the_owner_sees_their_payment_by_id_and_by_order() throws Exception {
        String customerId = newCustomerId();
        String orderId = newOrderId();
        PaymentCompleted completed = (PaymentCompleted) charge(orderId, customerId, "credit_card", "12.50");
        String token = TestJwks.get().customerToken("u-" + customerId, customerId);

        var byId = get("/api/payments/" + completed.paymentId(), token);
        var byOrder = get("/api/payments?order_id=" + orderId, token);

        assertThat(byId.statusCode()).isEqualTo(200);
        JsonNode body = json(byId);
        assertThat(body.get("id").asString()).isEqualTo(completed.paymentId());
        assertThat(body.get("order_id").asString()).isEqualTo(orderId);
        assertThat(body.get("customer_id").asString()).isEqualTo(customerId);
        assertThat(body.get("status").asString()).isEqualTo("CAPTURED");
        assertThat(body.get("payment_method").asString()).isEqualTo("credit_card");
        assertThat(body.get("amount").get("amount").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(body.get("amount").get("currency").asString()).isEqualTo("EUR");
        assertThat(body.get("created_at").asString()).isNotBlank();
        assertThat(byOrder.statusCode()).isEqualTo(200);
        assertThat(json(byOrder)).isEqualTo(body);
    }

    @Test
    void another_customer_gets_the_same_404_as_for_a_missing_payment_and_an_admin_sees_everything() throws Exception {
        String orderId = newOrderId();
        PaymentFailed failed = (PaymentFailed) charge(orderId, newCustomerId(), "bitcoin", "12.50");
        String stranger = TestJwks.get().customerToken("u-stranger", newCustomerId());
        String admin = TestJwks.get().adminToken();

        var strangerById = get("/api/payments/" + failed.paymentId(), stranger);
        var strangerByOrder = get("/api/payments?order_id=" + orderId, stranger);
        var adminById = get("/api/payments/" + failed.paymentId(), admin);

        String missingPayment = java.util.UUID.randomUUID().toString();
        String missingOrder = newOrderId();
        var nothingById = get("/api/payments/" + missingPayment, stranger);
        var nothingByOrder = get("/api/payments?order_id=" + missingOrder, stranger);
        assertProblem(strangerById, 404, "PAYMENT_NOT_FOUND");
        assertThat(Untraced.body(strangerById.body()).replace(failed.paymentId(), "ID"))
                .isEqualTo(Untraced.body(nothingById.body()).replace(missingPayment, "ID"));
        assertThat(strangerByOrder.statusCode()).isEqualTo(404);
        assertThat(Untraced.body(strangerByOrder.body()).replace(orderId, "ID"))
                .isEqualTo(Untraced.body(nothingByOrder.body()).replace(missingOrder, "ID"));
        assertThat(adminById.statusCode()).isEqualTo(200);
        assertThat(json(adminById).get("status").asString()).isEqualTo("DECLINED");
        assertThat(json(adminById).get("reason").asString()).isEqualTo("INVALID_PAYMENT_METHOD");
    }

    @Test
    void a_payment_voided_before_any_charge_is_visible_to_an_admin_only() throws Exception {
        String orderId = newOrderId();
        ParticipantHarness.of(steps).deliver(SagaEvents.orderRejected(orderId, ReasonCode.CUSTOMER_NOT_FOUND));

        var customer = get("/api/payments?order_id=" + orderId, TestJwks.get().customerToken("u-1", newCustomerId()));
        var admin = get("/api/payments?order_id=" + orderId, TestJwks.get().adminToken());

        assertThat(customer.statusCode()).isEqualTo(404);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(json(admin).get("status").asString()).isEqualTo("VOIDED");
        assertThat(json(admin).get("reason").asString()).isEqualTo("CUSTOMER_NOT_FOUND");
    }

    @Test
    void unknown_payments_and_orders_are_404_with_a_code() throws Exception {
        String admin = TestJwks.get().adminToken();

        var byId = get("/api/payments/" + UUID.randomUUID(), admin);
        var byOrder = get("/api/payments?order_id=" + newOrderId(), admin);

        assertProblem(byId, 404, "PAYMENT_NOT_FOUND");
        assertProblem(byOrder, 404, "PAYMENT_NOT_FOUND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$ne", "%7B%22%24ne%22%3Anull%7D", "not-a-uuid", "123", "%24where"})
    void a_payment_id_that_is_not_a_uuid_is_400(String badId) throws Exception {
        var response = get("/api/payments/" + badId, TestJwks.get().adminToken());

        assertThat(response.statusCode()).isEqualTo(400);
        if (!response.body().isEmpty()) {
            assertThat(json(response).get("code").asString()).isEqualTo("VALIDATION_FAILED");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"%24ne", "%7B%22%24ne%22%3Anull%7D", "a.b", "x%20y", ""})
    void an_order_id_with_operators_braces_or_odd_characters_is_400(String badId) throws Exception {
        var response = get("/api/payments?order_id=" + badId, TestJwks.get().adminToken());

        assertProblem(response, 400, "VALIDATION_FAILED");
        assertThat(json(response).get("errors").findValuesAsString("field")).containsExactly("order_id");
    }

    @Test
    void the_admin_list_pages_through_payments_filtered_by_status() throws Exception {
        List<String> declined = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            declined.add(
                    ((PaymentFailed) charge(newOrderId(), newCustomerId(), "test_declined_card", "3.00")).paymentId());
        }
        String captured = ((PaymentCompleted) charge(newOrderId(), newCustomerId(), "paypal", "3.00")).paymentId();
        String admin = TestJwks.get().adminToken();

        List<String> seen = new ArrayList<>();
        int page = 0;
        JsonNode body;
        do {
            var response = get("/api/payments?status=DECLINED&size=2&page=" + page, admin);
            assertThat(response.statusCode()).isEqualTo(200);
            body = json(response);
            assertThat(body.get("items").size()).isLessThanOrEqualTo(2);
            for (JsonNode payment : body.get("items")) {
                assertThat(payment.get("status").asString()).isEqualTo("DECLINED");
                seen.add(payment.get("id").asString());
            }
            page++;
        } while (page < body.get("total_pages").asInt());

        assertThat(body.get("size").asInt()).isEqualTo(2);
        assertThat(seen).hasSize(body.get("total_elements").asInt());
        assertThat(seen).doesNotHaveDuplicates().containsAll(declined).doesNotContain(captured);
        var all = json(get("/api/payments?size=500", admin));
        assertThat(all.get("items").findValuesAsString("id")).contains(captured).containsAll(declined);
    }

    @Test
    void paging_ends_with_an_empty_page_and_refuses_an_offset_the_store_cannot_skip() throws Exception {
        for (int i = 0; i < 3; i++) {
            charge(newOrderId(), newCustomerId(), "paypal", "2.00");
        }
        String admin = TestJwks.get().adminToken();

        PagingContract.assertPagingEnds(paging -> get("/api/payments?" + paging, admin));
    }

    @Test
    void the_list_answers_items_page_size_and_totals_like_every_other_list() throws Exception {
        String paymentId =
                ((PaymentFailed) charge(newOrderId(), newCustomerId(), "test_declined_card", "4.00")).paymentId();
        String admin = TestJwks.get().adminToken();

        JsonNode first = json(get("/api/payments?status=DECLINED&size=1", admin));
        JsonNode byDefault = json(get("/api/payments", admin));

        assertThat(first.propertyNames())
                .containsExactlyInAnyOrder("items", "page", "size", "total_elements", "total_pages");
        assertThat(first.get("items")).hasSize(1);
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(1);
        assertThat(first.get("total_pages").asLong())
                .isEqualTo(first.get("total_elements").asLong())
                .isPositive();
        assertThat(byDefault.get("page").asInt()).isZero();
        assertThat(byDefault.get("size").asInt()).isEqualTo(50);
        assertThat(json(get("/api/payments?status=DECLINED&size=500", admin))
                        .get("items")
                        .findValuesAsString("id"))
                .contains(paymentId);
    }

    @Test
    void the_list_is_for_admins_only_and_checks_its_parameters() throws Exception {
        String admin = TestJwks.get().adminToken();

        var customer = get("/api/payments", TestJwks.get().customerToken("u-1", newCustomerId()));
        var badStatus = get("/api/payments?status=STOLEN", admin);
        var badSize = get("/api/payments?size=0", admin);
        var oneTooMany = get("/api/payments?size=501", admin);
        var hugeSize = get("/api/payments?size=100000", admin);
        var negativePage = get("/api/payments?page=-1", admin);
        var wordPage = get("/api/payments?page=first", admin);

        assertThat(customer.statusCode()).isEqualTo(403);
        assertThat(List.of(badStatus, badSize, oneTooMany, hugeSize, negativePage, wordPage))
                .allSatisfy(response -> {
                    assertProblem(response, 400, "VALIDATION_FAILED");
                    assertThat(response.headers().firstValue("content-type"))
                            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                });
        assertThat(json(badSize).get("errors").findValuesAsString("field")).containsExactly("size");
        assertThat(json(oneTooMany).get("errors").findValuesAsString("message"))
                .containsExactly("must be between 1 and 500");
        assertThat(json(negativePage).get("errors").findValuesAsString("field")).containsExactly("page");
        assertThat(json(wordPage).get("errors").findValuesAsString("field")).containsExactly("page");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ordersaga.testsupport.TestJwks#badTokenCases")
    void a_token_that_cannot_be_trusted_is_401(String why, String token) throws Exception {
        var response = get("/api/payments/" + UUID.randomUUID(), token);

        assertThat(response.statusCode()).as(why).isEqualTo(401);
        assertThat(json(response).get("code").asString()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void no_token_is_401() throws Exception {
        var response = get("/api/payments?order_id=" + newOrderId(), null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
    }

    @Test
    void health_metrics_and_the_openapi_description_are_open() throws Exception {
        charge(newOrderId(), newCustomerId(), "paypal", "1.00");
        var open = OperationalEndpoints.assertOpen(new TestHttp(port));

        assertThat(open.metrics()).contains("payments_outcomes_total{outcome=\"captured\"");
        assertThat(open.apiDocs().get("paths").propertyNames()).contains("/api/payments/{id}", "/api/payments");
    }

    private PaymentEvent charge(String orderId, String customerId, String method, String total) {
        Money amount = Money.of(total, "EUR");
        return ParticipantHarness.of(steps)
                .<PaymentEvent>answer(new StockReserved(
                        UUID.randomUUID(),
                        orderId,
                        Instant.now(),
                        "corr-" + orderId,
                        List.of(new PricedLine(SagaJson.PRODUCT, 1, amount)),
                        amount,
                        customerId,
                        method));
    }

    private HttpResponse<String> get(String path, String token) {
        return new TestHttp(port).get(path, token);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return TestHttp.json(response);
    }
}
