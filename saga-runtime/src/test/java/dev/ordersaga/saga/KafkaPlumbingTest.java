package dev.ordersaga.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.Event;
import dev.ordersaga.events.Topics;
import dev.ordersaga.events.UnsupportedEventVersionException;
import dev.ordersaga.testsupport.KafkaTestClient;
import dev.ordersaga.testsupport.SagaServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;

@SagaServiceTest
// as every service runs: the web side on virtual threads
@TestPropertySource(properties = "spring.threads.virtual.enabled=true")
class KafkaPlumbingTest {

    static KafkaTestClient kafka;

    @Autowired
    RuntimeTestApplication.RecordingListener listener;

    @Autowired
    EventPublisher publisher;

    @Autowired
    RuntimeTestApplication.ConfirmationsOnly confirmations;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry registry;

    static String brokers;

    @BeforeAll
    static void connect(@Autowired EmbeddedKafkaBroker broker) {
        // this context's own broker: spring.kafka.bootstrap-servers is a JVM-wide system property that
        // the broker of another test context (other properties, so another context) overwrites
        String bootstrapServers = broker.getBrokersAsString();
        brokers = bootstrapServers;
        kafka = new KafkaTestClient(bootstrapServers);
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void a_poison_record_goes_to_the_dead_letter_topic_and_the_partition_keeps_flowing() {
        String key = "order-" + UUID.randomUUID();

        kafka.sendRaw(Topics.CUSTOMER_EVENTS, key, "this is { not json");
        kafka.send(Topics.CUSTOMER_EVENTS, key, validatedJson(key, ""));

        var dead = kafka.await(Topics.deadLetter(Topics.CUSTOMER_EVENTS), key, r -> true, Duration.ofSeconds(20));
        assertThat(dead.value()).isEqualTo("this is { not json");
        assertThat(dead.headers()).containsKey("kafka_dlt-exception-fqcn");
        awaitReceived(key);
    }

    @Test
    void the_consumers_run_on_platform_threads_though_the_web_side_runs_on_virtual_threads() {
        String key = "order-" + UUID.randomUUID();

        kafka.send(Topics.CUSTOMER_EVENTS, key, validatedJson(key, ""));

        awaitReceived(key);
        assertThat(listener.onVirtualThread).isNotEmpty().containsOnly(false);
    }

    @Test
    void a_record_missing_a_required_field_is_dead_lettered_not_half_read() {
        String key = "order-" + UUID.randomUUID();
        String withoutCorrelation = validatedJson(key, "").replace("\"correlation_id\":\"c-1\",", "");

        kafka.send(Topics.CUSTOMER_EVENTS, key, withoutCorrelation);
        kafka.send(Topics.CUSTOMER_EVENTS, key, validatedJson(key, ""));

        var dead = kafka.await(Topics.deadLetter(Topics.CUSTOMER_EVENTS), key, r -> true, Duration.ofSeconds(20));
        assertThat(dead.value()).isEqualTo(withoutCorrelation);
        awaitReceived(key);
        assertThat(listener.received.stream().filter(e -> e.orderId().equals(key)))
                .hasSize(1);
    }

    @Test
    void a_record_of_a_major_version_this_consumer_does_not_read_is_dead_lettered_with_the_reason() throws Exception {
        String key = "order-" + UUID.randomUUID();
        String fromTheFuture = validatedJson(key, ",\"schema_version\":\"2.0\"");

        kafka.send(Topics.CUSTOMER_EVENTS, key, fromTheFuture);
        kafka.send(Topics.CUSTOMER_EVENTS, key, validatedJson(key, ",\"schema_version\":\"1.0\""));

        var dead = kafka.await(Topics.deadLetter(Topics.CUSTOMER_EVENTS), key, r -> true, Duration.ofSeconds(20));
        assertThat(dead.value()).isEqualTo(fromTheFuture);
        assertThat(dead.headers().get("kafka_dlt-exception-fqcn"))
                .isEqualTo(UnsupportedEventVersionException.class.getName());
        assertThat(dead.headers().get("kafka_dlt-exception-message"))
                .contains("CustomerValidated schema_version 2.0 is not readable by this consumer: it reads 1.x");
        awaitReceived(key);
        assertThat(listener.received.stream().filter(e -> e.orderId().equals(key)))
                .as("only the 1.0 event was handled")
                .hasSize(1);
        assertThat(dead.headers().keySet().stream().filter(name -> name.startsWith("kafka_dlt-")))
                .as("the dead-letter headers the AsyncAPI document describes")
                .isNotEmpty()
                .allSatisfy(name -> assertThat(deadLetterHeadersDocumented()).contains(name));
    }

    private static java.util.Set<String> deadLetterHeadersDocumented() throws java.io.IOException {
        try (var in = KafkaPlumbingTest.class.getResourceAsStream("/asyncapi/asyncapi.json")) {
            var properties = dev.ordersaga.saga.EventJson.mapper()
                    .readTree(in)
                    .at("/components/schemas/DeadLetterHeaders/properties");
            return java.util.Set.copyOf(properties.propertyNames());
        }
    }

    @Test
    void a_newer_minor_of_a_known_major_is_read() {
        String key = "order-" + UUID.randomUUID();

        kafka.send(
                Topics.CUSTOMER_EVENTS,
                key,
                validatedJson(key, ",\"schema_version\":\"1.9\",\"added_in_1_9\":\"ignored by 1.0 code\""));

        awaitReceived(key);
    }

    @Test
    void listener_containers_commit_processed_offsets_on_a_cadence_not_after_every_record() {
        var containers = registry.getListenerContainers();
        assertThat(containers).isNotEmpty().allSatisfy(container -> {
            var properties = container.getContainerProperties();
            assertThat(properties.getAckMode()).isEqualTo(ContainerProperties.AckMode.COUNT_TIME);
            assertThat(properties.getAckTime()).isEqualTo(200);
        });
    }

    @Test
    void processed_records_end_up_committed_for_the_group() throws Exception {
        String key = "order-" + UUID.randomUUID();

        kafka.send(Topics.CUSTOMER_EVENTS, key, validatedJson(key, ""));
        awaitReceived(key);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("support-test")
                        .partitionsToOffsetAndMetadata()
                        .get();
                var ends = admin.listOffsets(committed.keySet().stream()
                                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                        .all()
                        .get();
                assertThat(committed).isNotEmpty();
                committed.forEach((partition, offset) -> assertThat(offset.offset())
                        .as("committed offset of %s", partition)
                        .isEqualTo(ends.get(partition).offset()));
            });
        }
    }

    @Test
    void a_record_with_unknown_extra_fields_is_consumed() {
        String key = "order-" + UUID.randomUUID();

        kafka.send(
                Topics.CUSTOMER_EVENTS, key, validatedJson(key, ",\"loyalty_tier\":\"gold\",\"extra\":{\"a\":[1,2]}"));

        awaitReceived(key);
    }

    @Test
    void a_record_the_listener_keeps_failing_on_is_retried_then_dead_lettered_and_the_next_one_is_handled() {
        kafka.send(Topics.CUSTOMER_EVENTS, "always-fails", validatedJson("always-fails", ""));
        String next = "order-" + UUID.randomUUID();
        kafka.send(Topics.CUSTOMER_EVENTS, next, validatedJson(next, ""));

        var dead = kafka.await(
                Topics.deadLetter(Topics.CUSTOMER_EVENTS), "always-fails", r -> true, Duration.ofSeconds(20));
        assertThat(dead.json().get("order_id").asString()).isEqualTo("always-fails");
        assertThat(dead.headers().get("kafka_dlt-exception-message")).contains("cannot handle");
        awaitReceived(next);
    }

    @Test
    void published_events_are_keyed_by_order_id_and_carry_type_version_correlation_and_trace_headers() {
        String orderId = "order-" + UUID.randomUUID();

        publisher.publish(new CustomerValidated(
                UUID.randomUUID(),
                orderId,
                Instant.now(),
                "corr-7",
                "6849dd2562e5fa1c135a04fb",
                java.util.List.of(new dev.ordersaga.events.OrderLine("6849dd2a5b6717b8055f93a9", 1)),
                "credit_card"));

        var record = kafka.await(Topics.CUSTOMER_EVENTS, orderId, "CustomerValidated");
        assertThat(record.headers())
                .containsEntry("event_type", "CustomerValidated")
                .containsEntry("schema_version", "1.0")
                .containsEntry("correlation_id", "corr-7")
                .doesNotContainKey("__TypeId__");
        assertThat(record.headers().get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(record.json().get("customer_id").asString()).isEqualTo("6849dd2562e5fa1c135a04fb");
        assertThat(record.json().get("schema_version").asString()).isEqualTo("1.0");
    }

    @Test
    void an_event_published_while_handling_a_record_continues_its_trace_and_correlation() {
        String orderId = "echo-" + UUID.randomUUID();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        kafka.send(
                Topics.CUSTOMER_EVENTS, orderId, validatedJson(orderId, ""), "00-" + traceId + "-00f067aa0ba902b7-01");

        var reply = kafka.await(Topics.CUSTOMER_EVENTS, "reply-" + orderId, "CustomerRejected");

        assertThat(reply.headers().get("traceparent"))
                .startsWith("00-" + traceId + "-")
                .doesNotContain("00f067aa0ba902b7");
        assertThat(reply.headers().get("correlation_id")).isEqualTo("c-1");
    }

    @Test
    void a_participant_passes_over_the_types_it_does_not_handle_unread_and_carries_reply_to_on() {
        String passedOver = "order-" + UUID.randomUUID();
        String handled = "order-" + UUID.randomUUID();
        String poison = "order-" + UUID.randomUUID();
        double before = passedOverCount();

        // not JSON at all: read, it would be dead-lettered; its type header says OrderRejected
        kafka.send(Topics.ORDER_EVENTS, passedOver, "not { json", Map.of("event_type", "OrderRejected"));
        // the same bytes as a type the participant handles: read, and dead-lettered
        kafka.send(Topics.ORDER_EVENTS, poison, "not { json", Map.of("event_type", "OrderConfirmed"));
        kafka.send(
                Topics.ORDER_EVENTS,
                handled,
                confirmedJson(handled),
                Map.of("event_type", "OrderConfirmed", "reply_to", "gateway-a"));

        // the group of this listener may still be forming on a loaded machine: be patient
        var committed = kafka.await(
                Topics.INVENTORY_EVENTS, handled, r -> "StockCommitted".equals(r.type()), Duration.ofSeconds(90));
        assertThat(committed.headers()).as("the cause's reply_to rides on").containsEntry("reply_to", "gateway-a");
        kafka.await(Topics.deadLetter(Topics.ORDER_EVENTS), poison, r -> true, Duration.ofSeconds(20));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> passedOverCount() >= before + 1);
        assertThat(kafka.records(Topics.deadLetter(Topics.ORDER_EVENTS), passedOver))
                .as("the unread record was never parsed, so never found unreadable")
                .isEmpty();
        assertThat(confirmations.applied)
                .extracting(Event::key)
                .contains(handled)
                .doesNotContain(passedOver);
        assertThat(registry.getListenerContainer("confirmations-saga")
                        .getContainerProperties()
                        .getKafkaConsumerProperties())
                .containsEntry(EventFilter.TYPES, "OrderConfirmed")
                .doesNotContainKey(SagaRuntimes.PARTICIPANT);
    }

    private double passedOverCount() {
        var counter = meters.find("saga.runtime.passed.over")
                .tag("participant", RuntimeTestApplication.ConfirmationsOnly.NAME)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static String confirmedJson(String orderId) {
        return """
                {"type":"OrderConfirmed","event_id":"%s","order_id":"%s","occurred_at":"2026-11-24T10:00:00Z",                "correlation_id":"c-1","customer_id":"6849dd2562e5fa1c135a04fb",                "lines":[{"product_id":"6849dd2a5b6717b8055f93a9","quantity":1,"unit_price":{"amount":9.99,"currency":"EUR"}}],                "total":{"amount":9.99,"currency":"EUR"},"payment_id":"pay-1"}""".formatted(UUID.randomUUID(), orderId);
    }

    private void awaitReceived(String orderId) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() ->
                        listener.received.stream().anyMatch(e -> e.orderId().equals(orderId)));
    }

    private static String validatedJson(String orderId, String extra) {
        return """
                {"type":"CustomerValidated","event_id":"%s","order_id":"%s","occurred_at":"2026-11-24T10:00:00Z",\
                "correlation_id":"c-1","customer_id":"6849dd2562e5fa1c135a04fb",\
                "lines":[{"product_id":"6849dd2a5b6717b8055f93a9","quantity":1}],"payment_method":"credit_card"%s}""".formatted(UUID.randomUUID(), orderId, extra);
    }
}
