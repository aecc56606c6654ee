package dev.ordersaga.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.Topics;
import dev.ordersaga.testsupport.Untraced;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Same key and body → the same order; same key, another body → 422. */
class IdempotencyKeyTest extends GatewayIntegrationTest {

    @Test
    void ten_identical_requests_racing_with_one_key_make_one_order_and_get_ten_identical_answers() {
        String user = newUser();
        String token = customerToken(user);
        String key = "race-" + UUID.randomUUID();

        List<CompletableFuture<HttpResponse<String>>> racing = IntStream.range(0, 10)
                .mapToObj(i -> createOrderAsync(seedBody(token), "Idempotency-Key", key))
                .toList();
        List<JsonNode> published = requests.await(user, 10);
        // order-service sees the same order id ten times: the first creates it, the others repeat it
        orderService.progress(published.getFirst(), "PENDING", "OrderRequested");
        orderService.confirmed(published.getFirst());
        List<HttpResponse<String>> answers =
                racing.stream().map(CompletableFuture::join).toList();

        assertThat(published.stream().map(r -> r.get("order_id").asString()).distinct())
                .hasSize(1);
        assertThat(published.stream().map(r -> r.get("request_hash").asString()).distinct())
                .hasSize(1);
        assertThat(kafka.all(Topics.ORDER_REQUESTS).stream()
                        .map(r -> r.json())
                        .filter(r -> user.equals(r.get("user_id").asString()))
                        .map(r -> r.get("order_id").asString())
                        .distinct())
                .containsExactly(published.getFirst().get("order_id").asString());
        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(201));
        // identical but for each request's own trace id
        assertThat(answers.stream().map(HttpResponse::body).map(Untraced::body).distinct())
                .hasSize(1);
    }

    @Test
    void a_retry_after_the_answer_returns_the_same_order() {
        String user = newUser();
        String key = "retry-" + UUID.randomUUID();

        Answered first = confirmedOrder(user, key);
        JsonNode request = first.request();
        // a fresh token, the same key and body: order-service re-emits the order's current state
        var retry = createOrderAsync(seedBody(customerToken(user)), "Idempotency-Key", key);
        JsonNode repeated = requests.await(user, 2).get(1);
        orderService.confirmed(repeated);
        HttpResponse<String> retryAnswer = retry.join();

        assertThat(repeated.get("order_id").asString())
                .isEqualTo(request.get("order_id").asString());
        assertThat(repeated.get("request_hash").asString())
                .isEqualTo(request.get("request_hash").asString());
        assertThat(retryAnswer.statusCode()).isEqualTo(201);
        // the same order; each answer names its own request's trace
        assertThat(Untraced.body(retryAnswer.body()))
                .isEqualTo(Untraced.body(first.answer().body()));
        assertThat(retryAnswer.headers().firstValue("X-Trace-Id")).isPresent();
    }

    @Test
    void the_same_key_with_another_body_is_422() {
        String user = newUser();
        String key = "reuse-" + UUID.randomUUID();

        Answered first = confirmedOrder(user, key);
        JsonNode request = first.request();
        assertThat(first.answer().statusCode()).isEqualTo(201);

        String otherBody = seedBody(customerToken(user)).replace("\"quantity\": 2", "\"quantity\": 3");
        var reuse = createOrderAsync(otherBody, "Idempotency-Key", key);
        JsonNode second = requests.await(user, 2).get(1);
        // order-service knows the order id and answers with the hash it STORED for it
        orderService.confirmed(second, request.get("request_hash").asString());
        HttpResponse<String> response = reuse.join();

        assertThat(second.get("order_id").asString())
                .isEqualTo(request.get("order_id").asString());
        assertThat(second.get("request_hash").asString())
                .isNotEqualTo(request.get("request_hash").asString());
        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode problem = json(response);
        assertThat(problem.get("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(problem.get("order_id").asString())
                .isEqualTo(request.get("order_id").asString());
    }

    @Test
    void the_same_key_from_two_users_makes_two_orders() {
        String key = "shared-" + UUID.randomUUID();
        String alice = newUser();
        String bob = newUser();

        var a = createOrderAsync(seedBody(customerToken(alice)), "Idempotency-Key", key);
        var b = createOrderAsync(seedBody(customerToken(bob)), "Idempotency-Key", key);
        JsonNode fromAlice = requests.awaitOne(alice);
        JsonNode fromBob = requests.awaitOne(bob);
        orderService.confirmed(fromAlice);
        orderService.confirmed(fromBob);

        assertThat(fromAlice.get("order_id").asString())
                .isNotEqualTo(fromBob.get("order_id").asString());
        assertThat(a.join().statusCode()).isEqualTo(201);
        assertThat(b.join().statusCode()).isEqualTo(201);
    }

    /** The published request of an order and the gateway's answer to it. */
    private record Answered(JsonNode request, HttpResponse<String> answer) {}

    /** A first order of {@code user} with {@code key}, answered CONFIRMED by the stand-in order-service. */
    private Answered confirmedOrder(String user, String key) {
        var answer = createOrderAsync(seedBody(customerToken(user)), "Idempotency-Key", key);
        JsonNode request = requests.awaitOne(user);
        orderService.confirmed(request);
        return new Answered(request, answer.join());
    }
}
