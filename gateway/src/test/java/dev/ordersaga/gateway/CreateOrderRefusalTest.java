package dev.ordersaga.gateway;

import static dev.ordersaga.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.testsupport.TestJwks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** What create_order refuses before anything is published: 400, 401, 403. */
class CreateOrderRefusalTest extends GatewayIntegrationTest {

    @Test
    void without_any_token_it_is_401_with_a_bearer_challenge() {
        HttpResponse<String> response = createOrder(seedBody(null));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(json(response).get("code").asString()).isEqualTo("UNAUTHORIZED");
    }

    @ParameterizedTest(name = "in the body: {0}")
    @MethodSource("dev.ordersaga.testsupport.TestJwks#badTokenCases")
    void a_bad_token_in_the_body_is_401(String why, String token) {
        HttpResponse<String> response = createOrder(seedBody(token));

        assertThat(response.statusCode()).as(why).isEqualTo(401);
        assertThat(json(response).get("code").asString()).isEqualTo("UNAUTHORIZED");
        assertThat(requests.of("u-bad"))
                .as("nothing published for a refused token")
                .isEmpty();
    }

    @ParameterizedTest(name = "in the header: {0}")
    @MethodSource("dev.ordersaga.testsupport.TestJwks#badTokenCases")
    void a_bad_token_in_the_header_is_401_even_with_a_good_one_in_the_body(String why, String token) {
        String good = customerToken(newUser());

        HttpResponse<String> response = createOrder(seedBody(good), "Authorization", bearer(token));

        assertThat(response.statusCode()).as(why).isEqualTo(401);
        assertThat(json(response).get("code").asString()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void an_expired_token_is_401() {
        String expired = TestJwks.get()
                .token(newUser(), "late", List.of("CUSTOMER"), CUSTOMER, TestJwks.ISSUER, Duration.ofMinutes(-1));

        assertThat(createOrder(seedBody(expired)).statusCode()).isEqualTo(401);
    }

    @Test
    void invalid_fields_are_400_listing_each_field_and_nothing_is_published() {
        String user = newUser();
        String body = """
                {"token": "%s", "customer_id": "6849dd2562e5fa1c135a04f",
                 "products": [{"product_id": "6849dd2a5b6717b8055f93a9", "quantity": 0},
                              {"product_id": "{$ne: 1}", "quantity": 1001}],
                 "payment_method": 42,
                 "shipping_address": "",
                 "billing_address": {"street": "x"}}""".formatted(customerToken(user));

        HttpResponse<String> response = createOrder(body, "Idempotency-Key", "k".repeat(101));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = json(response);
        assertThat(problem.get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder(
                        "customer_id",
                        "products[0].quantity",
                        "products[1].product_id",
                        "products[1].quantity",
                        "payment_method",
                        "shipping_address",
                        "billing_address",
                        "idempotency_key");
        assertThat(problem.get("errors").valueStream().map(e -> e.get("message").asString()))
                .allSatisfy(message -> assertThat(message).isNotBlank());
        assertThat(requests.of(user)).isEmpty();
    }

    @Test
    void an_empty_or_oversized_product_list_is_400_stating_the_limit() {
        String token = customerToken(newUser());
        String empty = seedBody(token).replaceAll("\"products\": \\[[^]]*]", "\"products\": []");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            lines.append(i == 0 ? "" : ",").append("{\"product_id\": \"%024x\", \"quantity\": 1}".formatted(i));
        }
        String tooMany = seedBody(token).replaceAll("\"products\": \\[[^]]*]", "\"products\": [" + lines + "]");

        JsonNode emptyProblem = json(createOrder(empty));
        JsonNode tooManyProblem = json(createOrder(tooMany));

        assertThat(emptyProblem.get("errors").get(0).get("field").asString()).isEqualTo("products");
        assertThat(tooManyProblem.get("errors").get(0).get("field").asString()).isEqualTo("products");
        assertThat(tooManyProblem.get("errors").get(0).get("message").asString())
                .contains("at most 50");
    }

    @Test
    void malformed_json_is_400() {
        HttpResponse<String> response = createOrder("{\"customer_id\": \"6849dd2562e5fa1c135a04fb\", \"products\": [");

        assertProblem(response, 400, "MALFORMED_REQUEST");
    }

    @Test
    void a_customer_ordering_for_another_customer_is_403_and_nothing_is_published() {
        String user = newUser();
        String body = seedBody(customerToken(user)).replace(CUSTOMER, OTHER_CUSTOMER);

        HttpResponse<String> response = createOrder(body);

        assertProblem(response, 403, "FORBIDDEN");
        assertThat(requests.of(user)).isEmpty();
    }

    @Test
    void an_admin_may_order_for_any_customer() throws Exception {
        String admin = "admin-" + newUser();
        String token =
                TestJwks.get().token(admin, "admin", List.of("ADMIN"), null, TestJwks.ISSUER, Duration.ofHours(1));
        String body = seedBody(null).replace(CUSTOMER, OTHER_CUSTOMER);

        var pending = createOrderAsync(body, "Authorization", bearer(token));
        JsonNode request = requests.awaitOne(admin);
        orderService.confirmed(request);

        assertThat(request.get("customer_id").asString()).isEqualTo(OTHER_CUSTOMER);
        assertThat(pending.get().statusCode()).isEqualTo(201);
    }
}
