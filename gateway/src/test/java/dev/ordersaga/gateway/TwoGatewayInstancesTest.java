package dev.ordersaga.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.gateway.reply.ConfirmedOrder;
import dev.ordersaga.gateway.reply.ReplyConsumer;
import dev.ordersaga.gateway.reply.ReplyWaiters;
import dev.ordersaga.gateway.reply.Waiter;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Two gateway instances on one reply topic: this application (instance A) and a second reply
 * consumer of the same production class with its own group and its own waiters (instance B).
 * Both read every reply; each answers exactly its own requests.
 */
class TwoGatewayInstancesTest extends GatewayIntegrationTest {

    private static final int ORDERS = 100;
    private static final int WAVE = 20;

    @Autowired
    ConcurrentKafkaListenerContainerFactory<?, ?> factory;

    @Autowired
    ReplyWaiters instanceA;

    @Test
    void each_instance_gets_all_and_only_its_own_replies_for_100_orders_each() throws Exception {
        ReplyWaiters instanceB = new ReplyWaiters(Clock.systemUTC(), Duration.ofSeconds(60));
        ReplyConsumer consumerB =
                new ReplyConsumer(factory, instanceB, "gateway-" + UUID.randomUUID(), Duration.ofSeconds(30));
        assertThat(consumerB.isAssigned()).isFalse();
        consumerB.start();
        ExecutorService replies = Executors.newFixedThreadPool(8);
        try {
            assertThat(consumerB.isAssigned())
                    .as("start() returns once the partitions are assigned")
                    .isTrue();
            long matchedBefore = instanceA.matchedReplies();
            long ignoredBefore = instanceA.ignoredReplies();

            // instance B's requests
            List<Waiter> waitersB = IntStream.range(0, ORDERS)
                    .mapToObj(i -> instanceB.register(UUID.randomUUID().toString(), "hash-b-" + i))
                    .toList();
            // instance A's requests over HTTP, in waves (the test answers each within one hop even
            // on a loaded machine); order-service replies to every order as soon as it sees it, and
            // to one of instance B's orders with each, so the two instances' replies interleave.
            // One user per wave: a single user's 100 orders in a few seconds would meet the
            // per-user rate limit, which is not what this test is about.
            List<CompletableFuture<HttpResponse<String>>> answersA = new ArrayList<>();
            Set<String> repliedA = new HashSet<>();
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int wave = 0; wave < ORDERS / WAVE; wave++) {
                String user = newUser();
                String token = customerToken(user);
                for (int i = 0; i < WAVE; i++) {
                    answersA.add(createOrderAsync(seedBody(token)));
                }
                int expected = (wave + 1) * WAVE;
                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> {
                            for (JsonNode request : requests.of(user)) {
                                if (repliedA.add(request.get("order_id").asString())) {
                                    Waiter b = waitersB.get(repliedA.size() - 1);
                                    sent.add(
                                            CompletableFuture.runAsync(() -> orderService.confirmed(request), replies));
                                    sent.add(CompletableFuture.runAsync(
                                            () -> orderService.confirmed(fakeRequest(b)), replies));
                                }
                            }
                            return repliedA.size() == expected;
                        });
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            }

            List<HttpResponse<String>> doneA =
                    answersA.stream().map(CompletableFuture::join).toList();
            assertThat(doneA)
                    .allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(201));
            assertThat(doneA.stream().map(r -> json(r).get("order_id").asString()))
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(repliedA);

            for (Waiter waiter : waitersB) {
                var answer = waiter.answer().get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(answer.status().value()).isEqualTo(201);
                assertThat(((ConfirmedOrder) answer.body()).orderId()).isEqualTo(waiter.orderId());
            }
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> instanceB.ignoredReplies() >= ORDERS
                            && instanceA.ignoredReplies() - ignoredBefore >= ORDERS);
            assertThat(instanceB.matchedReplies()).as("B matched only its own").isEqualTo(ORDERS);
            assertThat(instanceB.ignoredReplies())
                    .as("B saw A's replies and left them")
                    .isEqualTo(ORDERS);
            assertThat(instanceA.matchedReplies() - matchedBefore).isEqualTo(ORDERS);
            assertThat(instanceA.ignoredReplies() - ignoredBefore).isEqualTo(ORDERS);
            assertThat(instanceB.waiting()).isZero();
        } finally {
            replies.shutdownNow();
            consumerB.stop();
        }
    }

    private static JsonNode fakeRequest(Waiter waiter) {
        return JSON.readTree("""
                {"order_id": "%s", "request_hash": "%s", "correlation_id": "c-%s",
                 "customer_id": "%s", "lines": [{"product_id": "%s", "quantity": 1}]}""".formatted(waiter.orderId(), waiter.requestHash(), waiter.orderId(), CUSTOMER, P2));
    }
}
