package dev.ordersaga.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.ordersaga.events.EventVersions;
import dev.ordersaga.events.Money;
import dev.ordersaga.events.PaymentRefunded;
import dev.ordersaga.events.SchemaVersion;
import dev.ordersaga.events.Topics;
import dev.ordersaga.testsupport.KafkaTestClient;
import dev.ordersaga.testsupport.SagaServiceTest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One evolution end to end, on a real broker: {@code PaymentRefunded} 1.1 added the optional
 * {@code payment_method}. A 1.0 producer (the event exactly as published with 1.0) and this code's
 * consumer interoperate, and so do this code's 1.1 producer and a 1.0 consumer: the 1.0 record,
 * kept below as it was, read through the version rule of a consumer that knows 1.0 only.
 */
@SagaServiceTest
class EventEvolutionTest {

    static KafkaTestClient kafka;

    @Autowired
    RuntimeTestApplication.PaymentEventsListener consumer;

    @Autowired
    EventPublisher producer;

    @BeforeAll
    static void connect(@Autowired EmbeddedKafkaBroker broker) {
        // this context's own broker: spring.kafka.bootstrap-servers is a JVM-wide system property that
        // the broker of another test context (other properties, so another context) overwrites
        String bootstrapServers = broker.getBrokersAsString();
        kafka = new KafkaTestClient(bootstrapServers);
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void a_1_0_producer_s_event_is_read_by_the_1_1_consumer_without_the_new_field() throws IOException {
        String orderId = "order-" + UUID.randomUUID();
        ObjectNode asPublishedWith10 = (ObjectNode)
                published("PaymentRefunded.v1.0.json").get("examples").get(0);
        asPublishedWith10.put("order_id", orderId);
        assertThat(asPublishedWith10.has("payment_method")).isFalse();

        kafka.send(Topics.PAYMENT_EVENTS, orderId, asPublishedWith10.toString());

        PaymentRefunded read = awaitRefund(orderId);
        assertThat(read.paymentMethod()).isNull();
        assertThat(read.schemaVersion()).as("what this code writes").isEqualTo("1.1");
        assertThat(read.amount()).isEqualTo(Money.of("29.99", "EUR"));
    }

    @Test
    void the_1_1_producer_s_event_carries_the_new_field_to_the_1_1_consumer() {
        String orderId = "order-" + UUID.randomUUID();

        producer.publish(refund(orderId));

        assertThat(awaitRefund(orderId).paymentMethod()).isEqualTo("credit_card");
    }

    @Test
    void a_1_0_consumer_reads_the_1_1_producer_s_event_and_ignores_the_new_field() throws IOException {
        String orderId = "order-" + UUID.randomUUID();

        producer.publish(refund(orderId));

        var onTheWire = kafka.await(Topics.PAYMENT_EVENTS, orderId, "PaymentRefunded");
        assertThat(onTheWire.headers()).containsEntry("schema_version", "1.1");
        JsonNode json = onTheWire.json();
        assertThat(json.get("schema_version").asString()).isEqualTo("1.1");
        assertThat(json.get("payment_method").asString()).isEqualTo("credit_card");
        // what a service built with PaymentRefunded 1.0 does with it: the version rule, then its record
        EventVersions.requireReadable(
                "PaymentRefunded", json.get("schema_version").asString(), Set.of(1), new SchemaVersion(1, 0));
        PaymentRefunded10 read = EventJson.mapper().treeToValue(json, PaymentRefunded10.class);
        assertThat(read.orderId()).isEqualTo(orderId);
        assertThat(read.amount()).isEqualTo(Money.of("12.50", "EUR"));
        // and the 1.0 contract accepts it
        var schema10 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(published("PaymentRefunded.v1.0.json"));
        assertThat(schema10.validate(json)).isEmpty();
    }

    private PaymentRefunded awaitRefund(String orderId) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> consumer.received.stream()
                                .filter(event -> event.orderId().equals(orderId))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .map(PaymentRefunded.class::cast)
                .orElseThrow();
    }

    private static PaymentRefunded refund(String orderId) {
        return new PaymentRefunded(
                UUID.randomUUID(), orderId, Instant.now(), "corr-1", "pay-1", Money.of("12.50", "EUR"), "credit_card");
    }

    private static JsonNode published(String file) throws IOException {
        try (InputStream in = PaymentRefunded.class.getResourceAsStream("/schemas/published/" + file)) {
            return EventJson.mapper().readTree(in);
        }
    }

    /** PaymentRefunded as it was at 1.0 (before payment_method), the record a 1.0 consumer reads into. */
    record PaymentRefunded10(
            @JsonProperty("event_id") UUID eventId,
            @JsonProperty("order_id") String orderId,
            @JsonProperty("occurred_at") Instant occurredAt,
            @JsonProperty("correlation_id") String correlationId,
            @JsonProperty("payment_id") String paymentId,
            @JsonProperty("amount") Money amount) {}
}
