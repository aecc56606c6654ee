package dev.ordersaga.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EventContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    static Stream<Event> samples() {
        return EventSamples.all().stream();
    }

    @Test
    void every_event_of_the_sealed_catalogue_has_a_sample_and_a_schema() {
        var concrete = concreteEvents(Event.class);
        var sampled = EventSamples.all().stream().map(Object::getClass).collect(Collectors.toSet());

        assertThat(sampled).containsExactlyInAnyOrderElementsOf(concrete);
        assertThat(concrete)
                .allSatisfy(type -> assertThat(schemaText(type.getSimpleName())).isNotNull());
    }

    @Test
    void the_catalogue_matches_the_spec_one_to_one() {
        var names =
                concreteEvents(Event.class).stream().map(Class::getSimpleName).collect(Collectors.toSet());

        assertThat(names)
                .containsExactlyInAnyOrder(
                        "OrderRequested",
                        "UserRegistered",
                        "CustomerValidated",
                        "CustomerRejected",
                        "StockReserved",
                        "StockRejected",
                        "StockReleased",
                        "StockCommitted",
                        "PaymentCompleted",
                        "PaymentFailed",
                        "PaymentRefunded",
                        "OrderConfirmed",
                        "OrderRejected",
                        "OrderCancelled",
                        "OrderStatusChanged");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void serializes_to_snake_case_json_that_validates_against_its_schema(Event event) {
        JsonNode json = JSON.valueToTree(event);

        assertThat(json.get("type").asString()).isEqualTo(event.type());
        assertThat(json.propertyNames()).allSatisfy(name -> assertThat(name).matches("[a-z][a-z_]*"));
        assertThat(schema(event).validate(json)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void deserializes_back_equal_through_its_family_and_its_own_type(Event event) {
        String json = JSON.writeValueAsString(event);

        assertThat(JSON.readValue(json, Event.class)).isEqualTo(event);
        assertThat(JSON.readValue(json, event.getClass())).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void ignores_unknown_fields(Event event) {
        ObjectNode json = JSON.valueToTree(event);
        json.put("added_in_a_later_version", "x");
        json.putObject("nested_extra").put("a", 1);

        assertThat(JSON.treeToValue(json, Event.class)).isEqualTo(event);
        assertThat(schema(event).validate(json)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void rejects_a_missing_required_field(Event event) {
        JsonNode schemaJson = JSON.readTree(schemaText(event.type()));
        List<String> required = new ArrayList<>();
        schemaJson.get("required").forEach(node -> required.add(node.asString()));
        assertThat(required).contains("type", "event_id", "occurred_at", "correlation_id");

        for (String field : required) {
            ObjectNode json = JSON.valueToTree(event);
            json.remove(field);

            assertThat(schema(event).validate(json))
                    .as("schema without %s", field)
                    .isNotEmpty();
            assertThatThrownBy(() -> JSON.treeToValue(json, Event.class))
                    .as("deserializing %s without %s", event.type(), field)
                    .isInstanceOf(RuntimeException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void every_saga_event_carries_the_envelope_and_a_known_topic(Event event) {
        assertThat(event.eventId()).isNotNull();
        assertThat(event.occurredAt()).isNotNull();
        assertThat(event.correlationId()).isNotBlank();
        assertThat(event.key()).isNotBlank();
        assertThat(Topics.ALL).contains(event.topic());
        if (event instanceof SagaEvent saga) {
            assertThat(saga.key()).isEqualTo(saga.orderId());
        }
    }

    @Test
    void schema_enums_list_exactly_the_java_enums() {
        var reasons = Arrays.stream(ReasonCode.values()).map(Enum::name).toList();
        var statuses = Arrays.stream(OrderStatus.values()).map(Enum::name).toList();

        for (Class<?> type : concreteEvents(Event.class)) {
            JsonNode properties =
                    JSON.readTree(schemaText(type.getSimpleName())).get("properties");
            if (properties.has("reason")) {
                assertThat(enumOf(properties.get("reason")))
                        .as(type.getSimpleName())
                        .isEqualTo(reasons);
            }
            if (properties.has("status")) {
                assertThat(enumOf(properties.get("status"))).isEqualTo(statuses);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void the_schema_declares_exactly_the_fields_of_the_record(Event event) {
        Set<String> fields = Arrays.stream(event.getClass().getRecordComponents())
                .map(component -> component.getAccessor().getAnnotation(JsonProperty.class))
                .map(JsonProperty::value)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        fields.addAll(List.of("type", "schema_version"));
        JsonNode schema = JSON.readTree(schemaText(event.type()));

        assertThat(new java.util.TreeSet<>(schema.get("properties").propertyNames()))
                .as("properties of %s.schema.json against the record's fields", event.type())
                .isEqualTo(fields);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void every_event_carries_the_schema_version_its_record_declares(Event event) {
        JsonNode json = JSON.valueToTree(event);

        assertThat(json.get("schema_version").asString())
                .isEqualTo(EventVersions.current(event.getClass()).toString())
                .isEqualTo(event.schemaVersion());
        assertThat(EventVersions.types()).containsEntry(event.type(), event.getClass());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void the_schema_example_is_a_valid_event_of_the_current_version(Event event) {
        JsonNode example =
                JSON.readTree(schemaText(event.type())).get("examples").get(0);

        assertThat(schema(event).validate(example)).isEmpty();
        assertThat(example.get("schema_version").asString()).isEqualTo(event.schemaVersion());
        assertThat(JSON.treeToValue(example, Event.class)).isInstanceOf(event.getClass());
    }

    @Test
    void a_consumer_reads_every_minor_of_the_majors_it_knows_and_refuses_the_others_with_a_clear_error() {
        assertThatCode(() -> EventVersions.requireReadable("OrderRequested", null))
                .as("no schema_version: an event from before versions, 1.0")
                .doesNotThrowAnyException();
        assertThatCode(() -> EventVersions.requireReadable("OrderRequested", "1.7"))
                .as("a newer minor only adds optional fields")
                .doesNotThrowAnyException();

        assertThatThrownBy(() -> EventVersions.requireReadable("OrderRequested", "2.0"))
                .isInstanceOf(UnsupportedEventVersionException.class)
                .hasMessage("OrderRequested schema_version 2.0 is not readable by this consumer: it reads 1.x"
                        + " (and writes " + EventVersions.current(OrderRequested.class)
                        + "); deploy a consumer that reads 2.x, then re-drive this dead letter");
        assertThatThrownBy(() -> EventVersions.requireReadable("OrderRequested", "one"))
                .isInstanceOf(UnsupportedEventVersionException.class)
                .hasMessage("OrderRequested: schema_version 'one' is not MAJOR.MINOR");
        assertThatCode(() ->
                        EventVersions.requireReadable("PaymentRefunded", "2.0", Set.of(1, 2), new SchemaVersion(3, 0)))
                .as("a record that also reads an older major")
                .doesNotThrowAnyException();
    }

    @Test
    void re_emitted_outcomes_get_the_same_event_id() {
        var cause = EventIds.fresh();

        assertThat(EventIds.causedBy(cause, StockReserved.class))
                .isEqualTo(EventIds.causedBy(cause, StockReserved.class));
        assertThat(EventIds.causedBy(cause, StockReserved.class))
                .isNotEqualTo(EventIds.causedBy(cause, StockRejected.class));
        assertThat(EventIds.about("order-1", OrderCancelled.class))
                .isNotEqualTo(EventIds.about("order-2", OrderCancelled.class));
    }

    @Test
    void topic_names_are_unique_and_dead_letters_follow_the_convention() {
        assertThat(Set.copyOf(Topics.ALL)).hasSameSizeAs(Topics.ALL);
        assertThat(Topics.deadLetter(Topics.INVENTORY_EVENTS)).isEqualTo("inventory-events.DLT");
    }

    private static List<String> enumOf(JsonNode property) {
        List<String> values = new ArrayList<>();
        property.get("enum").forEach(node -> values.add(node.asString()));
        return values;
    }

    private static Schema schema(Event event) {
        return SCHEMAS.getSchema(schemaText(event.type()));
    }

    private static String schemaText(String eventName) {
        try (InputStream in = Event.class.getResourceAsStream("/schemas/" + eventName + ".schema.json")) {
            return in == null ? null : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<Class<?>> concreteEvents(Class<?> type) {
        if (type.isRecord()) {
            return Set.of(type);
        }
        return Arrays.stream(type.getPermittedSubclasses())
                .flatMap(sub -> concreteEvents(sub).stream())
                .collect(Collectors.toSet());
    }
}
