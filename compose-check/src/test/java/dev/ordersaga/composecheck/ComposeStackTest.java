package dev.ordersaga.composecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ordersaga.configreaders.Repo;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The real thing where Docker exists: {@code docker compose up --build} of docker-compose.yml (own
 * project name, own volumes, free host ports), then SPEC section 7's two curls through the gateway.
 * Skipped without Docker, and without the {@code docker compose} command.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackTest {

    private static final String KLEA_CUSTOMER = "6849dd2562e5fa1c135a04fb";
    private static final String PRODUCT_1 = "6849dd2a5b6717b8055f93a9";
    private static final String PRODUCT_2 = "6849dd2b5b6717b8055f93aa";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static ComposeContainer stack;
    private static URI gateway;

    @BeforeAll
    static void startTheStack() throws IOException {
        assumeTrue(composeCommandWorks(), "`docker compose` (Compose v2) is not installed");
        int gatewayPort = freePort();
        ComposeContainer compose = new ComposeContainer(
                        new File(Repo.path("docker-compose.yml").toString()))
                .withBuild(true)
                .withEnv("GATEWAY_PORT", String.valueOf(gatewayPort))
                .withEnv("KAFKA_EXTERNAL_PORT", String.valueOf(freePort()))
                // the observability UIs too: a Zipkin, Prometheus or Grafana of the machine keeps its port
                .withEnv("ZIPKIN_PORT", String.valueOf(freePort()))
                .withEnv("PROMETHEUS_PORT", String.valueOf(freePort()))
                .withEnv("GRAFANA_PORT", String.valueOf(freePort()));
        // every secret the file requires (${VAR:?...}), as an operator's .env gives them: random, URL-safe
        for (String secret : ComposeFile.load().required()) {
            compose = compose.withEnv(secret, UUID.randomUUID().toString().replace("-", ""));
        }
        stack = compose.waitingFor("gateway", Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(20)))
                .withStartupTimeout(Duration.ofMinutes(20));
        stack.start();
        gateway = URI.create("http://localhost:" + gatewayPort + "/");
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.stop(); // also removes the project's volumes
        }
    }

    @Test
    void kleaLogsInAndHerOrderOfTheSeedProductsIsConfirmed() throws Exception {
        // The seed container creates klea and the products once the gateway is healthy.
        String token = await().atMost(3, TimeUnit.MINUTES)
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> login("klea", "password123"), t -> t != null);
        await().atMost(2, TimeUnit.MINUTES)
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> get("api/products/" + PRODUCT_2, token).statusCode() == 200
                        && get("api/customers/" + KLEA_CUSTOMER, token).statusCode() == 200);

        String body = """
                {"token": "%s", "customer_id": "%s",
                 "products": [{"product_id": "%s", "quantity": 1},
                              {"product_id": "%s", "quantity": 2}],
                 "payment_method": "credit_card",
                 "shipping_address": "123 Main St, City, State 12345",
                 "billing_address": "123 Main St, City, State 12345"}
                """.formatted(token, KLEA_CUSTOMER, PRODUCT_1, PRODUCT_2);
        // The first saga on cold JVMs may outlast the gateway's 5 s hop timeout (504, the order
        // still runs); the same request with the same Idempotency-Key is answered from its outcome.
        String idempotencyKey = UUID.randomUUID().toString();
        HttpResponse<String> order = await().atMost(2, TimeUnit.MINUTES)
                .pollInterval(Duration.ofSeconds(3))
                .until(() -> post("api/create_order", body, idempotencyKey), r -> r.statusCode() != 504);

        assertThat(order.statusCode())
                .as("create_order answered %s", order.body())
                .isEqualTo(201);
        assertThat(order.body()).contains("CONFIRMED");
    }

    private static String login(String username, String password) throws Exception {
        HttpResponse<String> response = post("api/auth/login", """
                {"username": "%s", "password": "%s"}""".formatted(username, password));
        Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        return response.statusCode() == 200 && token.find() ? token.group(1) : null;
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return post(path, json, null);
    }

    private static HttpResponse<String> post(String path, String json, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(gateway.resolve(path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean composeCommandWorks() {
        try {
            Process process = new ProcessBuilder("docker", "compose", "version")
                    .redirectErrorStream(true)
                    .start();
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
