package dev.ordersaga.auth;

import static dev.ordersaga.auth.AuthApi.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OperationsTest extends AuthServiceTest {

    @Test
    void liveness_and_readiness_are_up_without_a_token() {
        for (String probe :
                new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> response = api.get(probe);
            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            assertThat(read(response).get("status").asString()).as(probe).isEqualTo("UP");
        }
    }

    @Test
    void prometheus_counts_login_outcomes() {
        api.login("nobody-" + System.nanoTime(), "password123");

        HttpResponse<String> metrics = api.get("/actuator/prometheus");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("auth_login_attempts_total{outcome=\"invalid_credentials\"");
        assertThat(metrics.body()).contains("http_server_requests_seconds");
    }

    @Test
    void the_openapi_description_lists_every_endpoint() {
        HttpResponse<String> response = api.get("/v3/api-docs");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = read(response).get("paths");
        assertThat(paths.propertyNames())
                .contains(
                        "/api/auth/register",
                        "/api/auth/login",
                        "/api/auth/me",
                        "/api/auth/users",
                        "/.well-known/jwks.json");
        assertThat(api.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }

    @Test
    void an_unknown_path_is_a_problem_detail_not_a_stack_trace() {
        HttpResponse<String> response = api.get("/api/auth/nothing-here");

        assertThat(response.statusCode()).isIn(401, 404);
        assertThat(read(response).get("code").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.");
    }
}
