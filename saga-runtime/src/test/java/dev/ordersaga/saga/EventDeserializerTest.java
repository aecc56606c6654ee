package dev.ordersaga.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.Event;
import dev.ordersaga.events.UnsupportedEventVersionException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.SerializationUtils;

class EventDeserializerTest {

    private static final String VALIDATED = """
            {"type":"CustomerValidated","event_id":"0e4f3b3c-7f6c-4a4e-9d5e-0c9f3c1d2b11","order_id":"o-1",\
            "occurred_at":"2026-11-24T10:00:00Z","correlation_id":"c-1","customer_id":"6849dd2562e5fa1c135a04fb",\
            "lines":[{"product_id":"6849dd2a5b6717b8055f93a9","quantity":1}],"payment_method":"credit_card"%s}""";

    private final EventDeserializer reader = new EventDeserializer();

    @Test
    void reads_events_without_a_version_and_of_any_minor_of_a_known_major() {
        assertThat(read("")).isInstanceOf(CustomerValidated.class);
        assertThat(read(",\"schema_version\":\"1.0\"")).isInstanceOf(CustomerValidated.class);
        assertThat(read(",\"schema_version\":\"1.4\",\"new_in_1_4\":true")).isInstanceOf(CustomerValidated.class);
    }

    @Test
    void refuses_a_major_it_does_not_read_before_building_the_record() {
        assertThatThrownBy(() -> read(",\"schema_version\":\"2.0\""))
                .isInstanceOf(UnsupportedEventVersionException.class)
                .hasMessageStartingWith("CustomerValidated schema_version 2.0 is not readable by this consumer");
    }

    @Test
    void the_reason_a_record_could_not_be_read_survives_spring_s_wrapper() {
        var headers = new RecordHeaders();
        var errorHandling = new ErrorHandlingDeserializer<Event>(reader);
        byte[] value = VALIDATED.formatted(",\"schema_version\":\"3.1\"").getBytes(StandardCharsets.UTF_8);

        assertThat(errorHandling.deserialize("customer-events", headers, value)).isNull();

        var record = new ConsumerRecord<String, Event>("customer-events", 0, 0, "o-1", null);
        headers.forEach(header -> record.headers().add(header));
        var wrapped = SerializationUtils.getExceptionFromHeader(
                record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, new LogAccessor(getClass()));
        assertThat(wrapped).hasMessage("failed to deserialize");
        assertThat(EventDeserializer.reasonOf(wrapped))
                .isInstanceOf(UnsupportedEventVersionException.class)
                .hasMessageContaining("schema_version 3.1");
        var other = new IllegalStateException("not a reading problem");
        assertThat(EventDeserializer.reasonOf(other)).isSameAs(other);
    }

    @Test
    void a_consumer_passes_over_the_types_it_does_not_read_without_parsing_them() {
        var filtered = new EventDeserializer();
        filtered.configure(Map.of(EventFilter.TYPES, "OrderConfirmed, CustomerValidated"), false);
        byte[] garbage = "not { json".getBytes(StandardCharsets.UTF_8);

        assertThat(filtered.deserialize("customer-events", headers("event_type", "CustomerRejected"), garbage))
                .isNull();
        assertThatThrownBy(() ->
                        filtered.deserialize("customer-events", headers("event_type", "CustomerValidated"), garbage))
                .as("a type it reads is parsed")
                .isNotNull();
        assertThatThrownBy(() -> filtered.deserialize("customer-events", new RecordHeaders(), garbage))
                .as("a record without the header is parsed")
                .isNotNull();
        byte[] validated = VALIDATED.formatted("").getBytes(StandardCharsets.UTF_8);
        assertThat(filtered.deserialize("customer-events", headers("event_type", "CustomerValidated"), validated))
                .isInstanceOf(CustomerValidated.class);
    }

    @Test
    void a_gateway_instance_passes_over_the_replies_for_another_instance_without_parsing_them() {
        var instanceA = new EventDeserializer();
        instanceA.configure(Map.of(EventFilter.REPLY_TO, "gateway-a"), false);
        byte[] garbage = "not { json".getBytes(StandardCharsets.UTF_8);
        byte[] validated = VALIDATED.formatted("").getBytes(StandardCharsets.UTF_8);

        assertThat(instanceA.deserialize("order-replies", headers("reply_to", "gateway-b"), garbage))
                .isNull();
        assertThat(instanceA.deserialize("order-replies", headers("reply_to", "gateway-a"), validated))
                .isInstanceOf(CustomerValidated.class);
        assertThat(instanceA.deserialize("order-replies", new RecordHeaders(), validated))
                .as("no reply_to: for every instance")
                .isInstanceOf(CustomerValidated.class);
    }

    private static RecordHeaders headers(String name, String value) {
        var headers = new RecordHeaders();
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private Event read(String extra) {
        return reader.deserialize("customer-events", VALIDATED.formatted(extra).getBytes(StandardCharsets.UTF_8));
    }
}
