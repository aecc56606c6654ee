package dev.ordersaga.gateway;

import static dev.ordersaga.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.gateway.config.GatewaySettings;
import dev.ordersaga.testsupport.RawHttp;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import tools.jackson.databind.JsonNode;

/** What a stranger or one greedy user sends to the public port: size limits and admission control. */
class HostileRequestsTest extends GatewayIntegrationTest {

    @Autowired
    GatewaySettings settings;

    @Autowired
    WebServerApplicationContext server;

    @Test
    void the_connections_held_at_once_are_bounded_so_an_overload_cannot_fill_the_heap() {
        // 4,000 connections at once filled the 256 MiB heap (an OutOfMemoryError); beyond this many a client waits
        // in the kernel's backlog and then times out, and the gateway lives on
        var connector = ((TomcatWebServer) server.getWebServer()).getTomcat().getConnector();

        assertThat(connector.getProperty("maxConnections")).isEqualTo(1000);
        assertThat(connector.getProperty("acceptCount")).isEqualTo(100);
    }

    @Test
    void an_unauthenticated_create_order_over_64_kb_is_413_without_being_read() {
        String huge = seedBody(null).replace("123 Main St", "x".repeat(100_000));

        HttpResponse<String> response = createOrder(huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void a_client_that_writes_a_60_mb_create_order_whole_before_reading_gets_the_413() throws Exception {
        // Python's http.client and urllib write the whole body first, then read the answer.
        String answer = RawHttp.postWholeBodyThenRead(port, "/api/create_order", 60L << 20);

        assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json", "PAYLOAD_TOO_LARGE");
        assertThat(send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .GET())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void with_expect_100_continue_a_60_mb_create_order_is_refused_before_the_body_is_sent() throws Exception {
        String answer = RawHttp.postExpectingContinue(port, "/api/create_order", 60L << 20);

        assertThat(answer).startsWith("HTTP/1.1 413").contains("PAYLOAD_TOO_LARGE");
    }

    @Test
    void a_deeply_nested_create_order_is_400_while_parsing() {
        String nested = "[".repeat(5_000) + "]".repeat(5_000);

        HttpResponse<String> response = createOrder("{\"products\": " + nested + "}");

        assertProblem(response, 400, "JSON_TOO_COMPLEX");
    }

    @Test
    void a_chunked_oversized_body_on_a_routed_path_is_413_not_503() {
        byte[] body = ("{\"padding\": ["
                        + String.join(",", java.util.Collections.nCopies(100, "\"" + "x".repeat(1000) + "\"")) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/products"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", bearer(customerToken(newUser())))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void the_default_admission_leaves_an_api_client_twenty_a_second_with_bursts_of_fifty() {
        assertThat(settings.admission().perUserRate()).isGreaterThanOrEqualTo(20);
        assertThat(settings.admission().perUserBurst()).isGreaterThanOrEqualTo(50);
    }

    @Test
    void one_user_flooding_gets_429s_with_retry_after_while_another_users_order_is_confirmed() {
        String flooder = newUser();
        String flooderToken = customerToken(flooder);
        // The user's bucket refills while a wave goes out: on a slow machine one wave of burst + 40 can
        // arrive over more than two seconds and be admitted whole. So waves go on until 20 are refused;
        // each wave is awaited until every request is refused or on Kafka, and the admitted ones are
        // confirmed at once, so none waits out its hop timeout.
        int wave = settings.admission().perUserBurst() + 40;
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        Set<String> confirmed = new HashSet<>();
        for (int round = 0; round < 10 && refused(answers) < 20; round++) {
            IntStream.range(0, wave).forEach(i -> answers.add(createOrderAsync(seedBody(flooderToken))));
            int sent = answers.size();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> refused(answers) + requests.of(flooder).size() >= sent);
            requests.of(flooder).stream()
                    .filter(request -> confirmed.add(request.get("order_id").asString()))
                    .forEach(orderService::confirmed);
        }
        assertThat(refused(answers)).as("orders refused by the per-user limit").isGreaterThanOrEqualTo(20);

        String other = newUser();
        CompletableFuture<HttpResponse<String>> otherAnswer = createOrderAsync(seedBody(customerToken(other)));
        orderService.confirmed(requests.awaitOne(other));

        assertThat(otherAnswer.join().statusCode()).isEqualTo(201);
        HttpResponse<String> refused = answers.stream()
                .map(CompletableFuture::join)
                .filter(a -> a.statusCode() == 429)
                .findFirst()
                .orElseThrow();
        JsonNode problem = json(refused);
        assertThat(problem.get("code").asString()).isEqualTo("TOO_MANY_ORDERS");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(answers.stream().map(CompletableFuture::join).map(HttpResponse::statusCode))
                .containsOnly(201, 429);
    }

    private static long refused(List<CompletableFuture<HttpResponse<String>>> answers) {
        return answers.stream()
                .filter(a -> a.isDone() && a.join().statusCode() == 429)
                .count();
    }
}
