package dev.ordersaga.customer;

import static dev.ordersaga.customer.Api.newId;
import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.ordersaga.events.Topics;
import dev.ordersaga.saga.SagaRuntimeHealth;
import dev.ordersaga.testsupport.BrokerTest;
import dev.ordersaga.testsupport.KafkaTestClient.Received;
import dev.ordersaga.testsupport.TestJwks;
import dev.ordersaga.testsupport.participant.SagaScript;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The failure policy against a real outage: the store goes away while requests arrive, and comes
 * back. Nothing may be dead-lettered (the requests are valid), health says DEGRADED meanwhile, and
 * every request is answered once the store is back.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "saga.kafka.partitions=3",
            "saga.kafka.outage-max-back-off=500ms",
            "spring.kafka.bootstrap-servers=${saga.test.outage-brokers}"
        })
// The broker's address goes into a system property: a name of its own, so the other test classes
// (which share one cached context and broker) keep reading theirs; spring.kafka.bootstrap-servers
// names it for the service and for BrokerTest's client.
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "saga.test.outage-brokers")
@ContextConfiguration(initializers = {StoreOutageTest.RestartableStore.class, TestJwks.Initializer.class})
// Its own store and broker: closed after the class, so no other test shares a JVM with its consumers.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class StoreOutageTest extends BrokerTest {

    /**
     * A mongo-java-server on a fixed free port that the test can stop and start again with its
     * data, as a real store that comes back from a crash (the in-memory backend outlives the server).
     */
    static class RestartableStore implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        static int port;
        static MongoServer server;
        static final MemoryBackend DATA = new MemoryBackend() {
            @Override
            public void close() {
                // a stopped server keeps its data
            }
        };

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            start();
            context.addApplicationListener(event -> {
                if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                    stop();
                }
            });
            // Give up on a missing server after a second (default 30 s), so an outage is seen as one quickly.
            String uri = "mongodb://127.0.0.1:" + port
                    + "/ecommerce_test?serverSelectionTimeoutMS=1000&connectTimeoutMS=500";
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("restartableStore", Map.of("spring.mongodb.uri", uri)));
        }

        static void start() {
            server = new MongoServer(DATA);
            server.bind("127.0.0.1", port);
        }

        static void stop() {
            server.shutdownNow();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    SagaRuntimeHealth health;

    @Test
    void requests_that_arrive_while_the_store_is_down_wait_for_it_and_none_is_dead_lettered() {
        var api = new Api(port);
        String customerId = api.createCustomer(newId(), "Patient Buyer", true);

        RestartableStore.stop();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var order = new SagaScript(customerId);
            orders.add(order.orderId);
            kafka.send(
                    Topics.ORDER_REQUESTS, order.orderId, order.orderRequested(OrderValidationFlowTest.REQUEST_HASH));
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(health::degraded);
        // The store's own health check says DOWN; the runtime's meters say why the saga waits.
        assertThat(api.get("/actuator/prometheus", null).body())
                .contains("saga_runtime_degraded 1.0")
                .containsPattern("saga_runtime_outages_total [1-9]");
        // Several failed rounds later, still nothing answered and nothing given up on.
        Awaitility.await()
                .pollDelay(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(10))
                .until(() -> true);
        assertThat(kafka.all(Topics.deadLetter(Topics.ORDER_REQUESTS))).isEmpty();
        assertThat(kafka.all(Topics.CUSTOMER_EVENTS)).noneMatch(r -> orders.contains(r.key()));

        // The store comes back, with its data.
        RestartableStore.start();

        for (String orderId : orders) {
            Received answer = kafka.await(Topics.CUSTOMER_EVENTS, orderId, r -> true, Duration.ofSeconds(30));
            assertThat(answer.type()).isEqualTo("CustomerValidated");
        }
        assertThat(kafka.all(Topics.deadLetter(Topics.ORDER_REQUESTS))).isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !health.degraded());
    }
}
