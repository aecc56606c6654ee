package dev.ordersaga.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.testsupport.TestJwks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The REST routes to the services, with the gateway's own token check in front. */
class RoutingTest extends GatewayIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Autowired
    ObservationRegistry observations;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/products/6849dd2a5b6717b8055f93a9",
                "/api/products",
                "/api/inventory/invariants",
                "/api/customers/6849dd2562e5fa1c135a04fb",
                "/api/orders",
                "/api/auth/me"
            })
    void an_authenticated_request_reaches_its_service_with_the_token_and_the_real_client_address(String path)
            throws Exception {
        String token = customerToken(newUser());
        String target = path + "?probe=" + UUID.randomUUID();

        HttpResponse<String> response = send(get(target, "Authorization", bearer(token), "X-Forwarded-For", "6.6.6.6"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("path").asString()).isEqualTo(target);
        StubUpstream.Seen seen = UPSTREAM.last(target);
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.header("Authorization")).isEqualTo(bearer(token));
        // the client cannot choose the address auth-service rate-limits on
        String forwardedFor = seen.header("X-Forwarded-For");
        assertThat(forwardedFor).doesNotContain("6.6.6.6");
        assertThat(InetAddress.getByName(forwardedFor).isLoopbackAddress())
                .as(forwardedFor)
                .isTrue();
    }

    @Test
    void a_request_is_observed_once_as_http_and_spring_security_adds_no_observation_of_its_own() throws Exception {
        List<String> started = new CopyOnWriteArrayList<>();
        AtomicBoolean recording = new AtomicBoolean(true);
        ObservationHandler<Observation.Context> recorder = new ObservationHandler<>() {
            @Override
            public void onStart(Observation.Context context) {
                if (recording.get()) {
                    started.add(context.getName());
                }
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        };
        observations.observationConfig().observationHandler(recorder);
        String target = "/api/products?probe=" + UUID.randomUUID();

        HttpResponse<String> routed = send(get(target, "Authorization", bearer(customerToken(newUser()))));
        HttpResponse<String> refused = send(get(target, "Authorization", "Bearer not-a-token"));
        // the registry keeps its handlers for the other tests of this context: this one stops listening
        recording.set(false);

        assertThat(routed.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(started).contains("http.server.requests");
        assertThat(started)
                .as("filter chain, authentication and authorization unobserved")
                .noneMatch(name -> name.startsWith("spring.security"));
    }

    @Test
    void login_register_and_the_public_keys_need_no_token_and_bodies_pass_through() {
        String login = "/api/auth/login?probe=" + UUID.randomUUID();
        String body = "{\"username\": \"klea\", \"password\": \"password123\"}";

        HttpResponse<String> loginResponse = send(post(login, body));
        HttpResponse<String> register = send(post("/api/auth/register", "{\"username\": \"new\"}"));
        HttpResponse<String> jwks = send(get("/.well-known/jwks.json"));

        assertThat(loginResponse.statusCode()).isEqualTo(200);
        assertThat(UPSTREAM.last(login).method()).isEqualTo("POST");
        assertThat(UPSTREAM.last(login).body()).isEqualTo(body);
        assertThat(UPSTREAM.last(login).header("X-Forwarded-For")).isNotBlank();
        assertThat(register.statusCode()).isEqualTo(200);
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(json(jwks).get("path").asString()).isEqualTo("/.well-known/jwks.json");
    }

    @Test
    void without_a_valid_token_the_gateway_refuses_before_the_service_is_called() {
        String target = "/api/products?probe=" + UUID.randomUUID();

        HttpResponse<String> none = send(get(target));
        HttpResponse<String> bad = send(get(target, "Authorization", bearer("not.a.token")));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(json(none).get("code").asString()).isEqualTo("UNAUTHORIZED");
        assertThat(UPSTREAM.count(target)).isZero();
    }

    @Test
    void a_service_that_cannot_be_reached_is_503_as_a_problem_detail() {
        HttpResponse<String> response =
                send(get("/api/payments/p-1", "Authorization", bearer(customerToken(newUser()))));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("code").asString()).isEqualTo("UPSTREAM_UNAVAILABLE");
    }

    @Test
    void readiness_is_up_once_the_reply_partitions_are_assigned_and_docs_are_public() {
        HttpResponse<String> readiness = send(get("/actuator/health/readiness"));
        HttpResponse<String> docs = send(get("/v3/api-docs"));

        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(json(readiness).get("status").asString()).isEqualTo("UP");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/create_order").contains("CreateOrderRequest");
    }

    @Test
    void the_public_port_says_up_or_down_and_serves_no_metrics_env_or_health_details() {
        HttpResponse<String> health = send(get("/actuator/health"));
        HttpResponse<String> admin = send(
                get("/actuator/health", "Authorization", bearer(TestJwks.get().adminToken())));

        // the status, and the names of the probe groups (liveness, readiness): no components, no details
        assertThat(json(health).propertyNames()).contains("status").isSubsetOf("status", "groups");
        assertThat(json(admin).propertyNames()).contains("status").isSubsetOf("status", "groups");
        for (String path : List.of("/actuator/prometheus", "/actuator/env", "/actuator/info", "/actuator/metrics")) {
            HttpResponse<String> response =
                    send(get(path, "Authorization", bearer(TestJwks.get().adminToken())));
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(json(response).get("code").asString()).as(path).isEqualTo("NOT_FOUND");
        }
        // still counted, for an operator's management port
        assertThat(meters.find("gateway.orders.waiting").gauge()).isNotNull();
    }
}
