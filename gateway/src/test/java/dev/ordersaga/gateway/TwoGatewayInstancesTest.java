package dev.ordersaga.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.gateway.reply.ConfirmedOrder;
import dev.ordersaga.gateway.reply.ReplyConsumer;
import dev.ordersaga.gateway.reply.ReplyWaiters;
import dev.ordersaga.gateway.reply.Waiter;
import dev.ordersaga.support.tracing.SagaTracing;
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
 * Every reply names its instance ({@code reply_to}, copied from the request by order-service, played
 * here by the stand-in): each instance reads only its own and passes the others over unread.
 */
class TwoGatewayInstancesTest extends GatewayIntegrationTest {

    private static final int ORDERS = 100;
    private static final int WAVE = 20;

    @Autowired
    ConcurrentKafkaListenerContainerFactory<?, ?> factory;

    @Autowired
    ReplyWaiters instanceA;

    @Autowired
    ReplyConsumer consumerA;

    @Test
    void each_instance_gets_all_and_only_its_own_replies_for_100_orders_each() throws Exception {
        ReplyWaiters instanceB = new ReplyWaiters(Clock.systemUTC(), Duration.ofSeconds(60));
        ReplyConsumer consumerB = new ReplyConsumer(
                factory, instanceB, SagaTracing.none(), "gateway-" + UUID.randomUUID(), Duration.ofSeconds(30));
        assertThat(consumerB.isAssigned()).isFalse();
        consumerB.start();
        ExecutorService replies = Executors.newFixedThreadPool(8);
        try {
            assertThat(consumerB.isAssigned())
                    .as("start() returns once the partitions are assigned")
                    .isTrue();
            long matchedBefore = instanceA.matchedReplies();

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
            Set<String> replyToA = new HashSet<>();
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
                                replyToA.add(request.path("reply_to").asString());
                                if (repliedA.add(request.get("order_id").asString())) {
                                    Waiter b = waitersB.get(repliedA.size() - 1);
                                    sent.add(
                                            CompletableFuture.runAsync(() -> orderService.confirmed(request), replies));
                                    sent.add(CompletableFuture.runAsync(
                                            () -> orderService.confirmed(fakeRequest(b, consumerB.groupId())),
                                            replies));
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
            assertThat(replyToA)
                    .as("every request published names instance A as the one waiting")
                    .containsExactly(consumerA.groupId());
            assertThat(instanceB.matchedReplies()).as("B matched only its own").isEqualTo(ORDERS);
            assertThat(instanceB.ignoredReplies())
                    .as("B never read A's replies: passed over by their reply_to, unparsed")
                    .isZero();
            assertThat(instanceA.matchedReplies() - matchedBefore).isEqualTo(ORDERS);
            assertThat(instanceB.waiting()).isZero();
        } finally {
            replies.shutdownNow();
            consumerB.stop();
        }
    }

    @Test
    void a_reply_meant_for_another_instance_is_never_read_nor_kept_even_for_an_order_this_one_holds() throws Exception {
        ReplyWaiters instanceB = new ReplyWaiters(Clock.systemUTC(), Duration.ofSeconds(60));
        ReplyConsumer consumerB = new ReplyConsumer(
                factory, instanceB, SagaTracing.none(), "gateway-" + UUID.randomUUID(), Duration.ofSeconds(30));
        consumerB.start();
        try {
            // instance A holds the order; a (wrong) reply addressed to B comes first, then A's own
            Waiter waiter = instanceA.register(UUID.randomUUID().toString(), "hash-x");
            long matchedBefore = instanceA.matchedReplies();
            orderService.ended(
                    fakeRequest(waiter, consumerB.groupId()),
                    "REJECTED",
                    "CustomerRejected",
                    "CUSTOMER_INACTIVE",
                    List.of());
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> instanceB.ignoredReplies() == 1);
            orderService.confirmed(fakeRequest(waiter, consumerA.groupId()));

            var answer = waiter.answer().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(answer.status().value())
                    .as("A answered from its own reply: the one for B (same partition, before it) was passed over")
                    .isEqualTo(201);
            assertThat(instanceA.matchedReplies() - matchedBefore).isEqualTo(1);
            assertThat(instanceB.matchedReplies()).isZero();
        } finally {
            consumerB.stop();
        }
    }

    private static JsonNode fakeRequest(Waiter waiter, String replyTo) {
        return JSON.readTree(
                """
                {"order_id": "%s", "request_hash": "%s", "correlation_id": "c-%s", "reply_to": "%s",
                 "customer_id": "%s", "lines": [{"product_id": "%s", "quantity": 1}]}""".formatted(waiter.orderId(), waiter.requestHash(), waiter.orderId(), replyTo, CUSTOMER, P2));
    }
}
