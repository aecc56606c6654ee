package dev.ordersaga.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** What every service serves without a token: its health, its readiness, its Prometheus metrics and its OpenAPI document. */
public final class OperationalEndpoints {

    private OperationalEndpoints() {}

    /** The metrics text and the API document, for a service's own checks of what they hold. */
    public record Open(String metrics, JsonNode apiDocs) {}

    /** Health is UP, readiness, metrics and the API document answer 200, all without a token. */
    public static Open assertOpen(TestHttp http) {
        var health = http.get("/actuator/health", null);
        var readiness = http.get("/actuator/health/readiness", null);
        var metrics = http.get("/actuator/prometheus", null);
        var docs = http.get("/v3/api-docs", null);

        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(TestHttp.json(health).get("status").asString()).isEqualTo("UP");
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(docs.statusCode()).isEqualTo(200);
        return new Open(metrics.body(), TestHttp.json(docs));
    }
}
