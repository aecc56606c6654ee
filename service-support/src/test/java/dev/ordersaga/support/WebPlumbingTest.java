package dev.ordersaga.support;

import static dev.ordersaga.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.testsupport.SagaServiceTest;
import dev.ordersaga.testsupport.TestJwks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SagaServiceTest
class WebPlumbingTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CUSTOMER = "6849dd2562e5fa1c135a04fb";

    @LocalServerPort
    int port;

    @Test
    void a_request_without_a_token_is_401_as_a_problem_detail() throws Exception {
        var response = send(get("/test/me"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(json(response).get("code").asString()).isEqualTo("UNAUTHORIZED");
    }

    static java.util.stream.Stream<Arguments> badTokens() {
        return TestJwks.get().badTokens().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void a_token_that_cannot_be_trusted_is_401(String why, String token) throws Exception {
        var response = send(get("/test/me").header("Authorization", "Bearer " + token));

        assertThat(response.statusCode()).as(why).isEqualTo(401);
        assertThat(json(response).get("code").asString()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void a_valid_token_identifies_the_caller_with_roles_from_the_roles_claim() throws Exception {
        var response = send(
                get("/test/me").header("Authorization", bearer(TestJwks.get().customerToken("u-1", CUSTOMER))));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("user_id").asString()).isEqualTo("u-1");
        assertThat(json(response).get("admin").asBoolean()).isFalse();
    }

    @Test
    void a_customer_on_an_admin_endpoint_is_403_and_an_admin_is_let_in() throws Exception {
        var customer = send(
                get("/test/admin").header("Authorization", bearer(TestJwks.get().customerToken("u-1", CUSTOMER))));
        var admin = send(
                get("/test/admin").header("Authorization", bearer(TestJwks.get().adminToken())));

        assertProblem(customer, 403, "FORBIDDEN");
        assertThat(admin.statusCode()).isEqualTo(200);
    }

    @Test
    void invalid_fields_are_400_naming_each_field_in_snake_case() throws Exception {
        var response =
                send(post("/test/things", "{\"display_name\":\"\",\"quantity\":0,\"customer_id\":\"{$ne: 1}\"}"));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json(response);
        assertThat(body.get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(body.get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("display_name", "quantity", "customer_id");
    }

    @Test
    void malformed_json_and_wrong_types_are_400_not_500() throws Exception {
        var malformed = send(post("/test/things", "{\"display_name\": "));
        var wrongType = send(post("/test/things", "{\"display_name\":\"x\",\"quantity\":\"many\"}"));

        assertProblem(malformed, 400, "MALFORMED_REQUEST");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(json(wrongType).get("detail").asString()).contains("quantity");
    }

    @Test
    void an_api_exception_keeps_its_status_code_and_properties() throws Exception {
        var response = send(get("/test/things/abc")
                .header("Authorization", bearer(TestJwks.get().adminToken())));

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = json(response);
        assertThat(body.get("code").asString()).isEqualTo("THING_NOT_FOUND");
        assertThat(body.get("thing_id").asString()).isEqualTo("abc");
        assertThat(body.get("instance").asString()).isEqualTo("/test/things/abc");
    }

    @Test
    void an_unexpected_error_is_500_without_any_internals() throws Exception {
        var response = send(
                get("/test/boom").header("Authorization", bearer(TestJwks.get().adminToken())));

        assertProblem(response, 500, "INTERNAL_ERROR");
        assertThat(response.body()).doesNotContain("secret", "mongodb://", "Exception", "at dev.");
    }

    @Test
    void framework_errors_get_a_code_too() throws Exception {
        var response = send(get("/test/nothing-here")
                .header("Authorization", bearer(TestJwks.get().adminToken())));

        assertProblem(response, 404, "NOT_FOUND");
    }

    @Test
    void health_is_open_without_a_token() throws Exception {
        var response = send(get("/actuator/health"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asString()).isEqualTo("UP");
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET();
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", bearer(TestJwks.get().adminToken()))
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
