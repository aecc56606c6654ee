package dev.ordersaga.events;

import com.asyncapi.schemas.asyncapi.Reference;
import com.asyncapi.v3._0_0.model.AsyncAPI;
import com.asyncapi.v3._0_0.model.channel.Channel;
import com.asyncapi.v3._0_0.model.channel.message.Message;
import com.asyncapi.v3._0_0.model.channel.message.MessageExample;
import com.asyncapi.v3._0_0.model.component.Components;
import com.asyncapi.v3._0_0.model.info.Info;
import com.asyncapi.v3._0_0.model.operation.Operation;
import com.asyncapi.v3._0_0.model.operation.OperationAction;
import com.asyncapi.v3._0_0.model.server.Server;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the AsyncAPI 3.0 document of every topic, its dead-letter topic, every event (its payload
 * from {@code schemas/<Event>.schema.json}, its key, headers, schema version and example) from the
 * code: {@link Topics}, {@link EventHeaders}, the sealed {@link Event} catalogue and
 * {@link EventVersions}. Written with the AsyncAPI initiative's Java model (asyncapi-core).
 * {@link AsyncApiDocumentTest} keeps the committed {@code src/main/resources/asyncapi/} copy equal
 * to what this builds; {@link AsyncApiPage} renders it for people at build time.
 */
final class AsyncApiDocument {

    static final String ASYNCAPI_VERSION = "3.0.0";
    static final String KAFKA_BINDING_VERSION = "0.5.0";

    /** The service that publishes each family (the sealed interfaces say so in their Javadoc). */
    static final Map<Class<?>, String> PRODUCERS = Map.of(
            GatewayEvent.class, "gateway",
            UserEvent.class, "auth-service",
            CustomerEvent.class, "customer-service",
            InventoryEvent.class, "inventory-service",
            PaymentEvent.class, "payment-service",
            OrderEvent.class, "order-service",
            OrderReplyEvent.class, "order-service");

    /**
     * The headers Spring Kafka's dead-letter recoverer adds (its {@code KafkaHeaders.DLT_*} names);
     * saga-runtime's tests check them against a real dead letter.
     */
    static final Map<String, String> DEAD_LETTER_HEADERS = deadLetterHeaders();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AsyncApiDocument() {}

    /** The document as a JSON tree, in a stable order. */
    static JsonNode build() {
        var schemas = new LinkedHashMap<String, Object>();
        var messages = new LinkedHashMap<String, Object>();
        schemas.put("EventHeaders", eventHeaders());
        schemas.put("DeadLetterHeaders", deadLetterHeadersSchema());
        for (Class<? extends Event> type : eventTypes()) {
            String name = type.getSimpleName();
            JsonNode schema = eventSchema(name);
            schemas.put(name, payloadSchema(schema, schemas));
            messages.put(name, message(type, schema));
        }
        messages.put("DeadLetter", deadLetterMessage());

        var channels = new LinkedHashMap<String, Object>();
        var operations = new LinkedHashMap<String, Object>();
        for (String topic : Topics.ALL) {
            List<Class<? extends Event>> onTopic = eventTypes().stream()
                    .filter(type -> topicOf(type).equals(topic))
                    .toList();
            String producer = producerOf(onTopic.getFirst());
            channels.put(topic, channel(topic, onTopic, producer));
            String deadLetter = Topics.deadLetter(topic);
            channels.put(deadLetter, deadLetterChannel(topic));
            operations.put(
                    camel(producer) + "Publishes" + pascal(topic),
                    Operation.builder()
                            .action(OperationAction.SEND)
                            .channel(new Reference("#/channels/" + topic))
                            .title(producer + " publishes on " + topic)
                            .messages(onTopic.stream()
                                    .map(type ->
                                            new Reference("#/channels/" + topic + "/messages/" + type.getSimpleName()))
                                    .toList())
                            .build());
            operations.put(
                    "deadLetter" + pascal(topic),
                    Operation.builder()
                            .action(OperationAction.SEND)
                            .channel(new Reference("#/channels/" + deadLetter))
                            .title("every consumer of " + topic + " dead-letters on " + deadLetter)
                            .description("A record that cannot be read (malformed, missing a required field, a"
                                    + " schema version the consumer does not read) goes here at once; one that"
                                    + " keeps failing after the bounded retries too. Never for an outage of the"
                                    + " store or the broker.")
                            .messages(List.of(new Reference("#/channels/" + deadLetter + "/messages/DeadLetter")))
                            .build());
        }

        AsyncAPI document = AsyncAPI.builder()
                .asyncapi(ASYNCAPI_VERSION)
                .id("urn:dev.ordersaga:events")
                .info(Info.builder()
                        .title("order-saga events")
                        .version("1.0.0")
                        .description("Every Kafka topic of the order saga, every event on it (one JSON object,"
                                + " snake_case, with `type` and `schema_version`), its key, headers and dead-letter"
                                + " topic. Generated from the events-schema module (records, JSON Schemas, topic"
                                + " and header names); each message states its schema version (MAJOR.MINOR)."
                                + " Consumers read every minor of the majors they know and dead-letter the others."
                                + " Unknown fields are ignored.")
                        .build())
                .defaultContentType("application/json")
                .servers(ordered(
                        "local",
                        Server.builder()
                                .host("localhost:9092")
                                .protocol("kafka")
                                .description("The broker of `./stack up` (PLAINTEXT on 127.0.0.1;"
                                        + " `KAFKA_BOOTSTRAP_SERVERS`).")
                                .build(),
                        "compose",
                        Server.builder()
                                .host("localhost:9094")
                                .protocol("kafka")
                                .description("The Docker Compose broker from the host: SASL/SCRAM-SHA-512, one"
                                        + " principal per service with ACLs (README, Broker and store access).")
                                .build()))
                .channels(channels)
                .operations(operations)
                .components(
                        Components.builder().schemas(schemas).messages(messages).build())
                .build();
        return toTree(document);
    }

    static List<Class<? extends Event>> eventTypes() {
        return EventVersions.types().values().stream()
                .sorted(Comparator.comparing((Class<? extends Event> type) -> Topics.ALL.indexOf(topicOf(type)))
                        .thenComparing(Class::getSimpleName))
                .toList();
    }

    /** The topic of each event type, as {@link Topics#topicOf} says for its sample. */
    static String topicOf(Class<? extends Event> type) {
        return EventSamples.all().stream()
                .filter(type::isInstance)
                .map(Event::topic)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no sample of " + type));
    }

    private static String producerOf(Class<? extends Event> type) {
        return PRODUCERS.entrySet().stream()
                .filter(entry -> entry.getKey().isAssignableFrom(type))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow();
    }

    private static Channel channel(String topic, List<Class<? extends Event>> events, String producer) {
        var refs = new LinkedHashMap<String, Object>();
        events.forEach(
                type -> refs.put(type.getSimpleName(), new Reference("#/components/messages/" + type.getSimpleName())));
        boolean byUser = events.stream().allMatch(UserEvent.class::isAssignableFrom);
        return Channel.builder()
                .address(topic)
                .title(topic)
                .description("Published by " + producer + "; keyed by " + (byUser ? "user id" : "order id")
                        + ", so one " + (byUser ? "user's" : "order's") + " events stay in order on one partition."
                        + " Dead letters: `" + Topics.deadLetter(topic) + "`.")
                .messages(refs)
                .bindings(Map.of("kafka", kafka("topic", topic)))
                .build();
    }

    private static Channel deadLetterChannel(String topic) {
        String deadLetter = Topics.deadLetter(topic);
        return Channel.builder()
                .address(deadLetter)
                .title(deadLetter)
                .description("What a consumer of `" + topic + "` could not handle, as it came (same key, value and"
                        + " headers) plus the reason. `./stack dlt` lists it, `./stack dlt redrive " + topic
                        + "` sends it back (every consumer is idempotent).")
                .messages(Map.of("DeadLetter", new Reference("#/components/messages/DeadLetter")))
                .bindings(Map.of("kafka", kafka("topic", deadLetter)))
                .build();
    }

    private static Message message(Class<? extends Event> type, JsonNode schema) {
        String name = type.getSimpleName();
        SchemaVersion version = EventVersions.current(type);
        boolean byUser = UserEvent.class.isAssignableFrom(type);
        JsonNode example = schema.get("examples").get(0);
        var headers = new LinkedHashMap<String, Object>();
        headers.put(EventHeaders.TYPE, name);
        headers.put(EventHeaders.SCHEMA_VERSION, version.toString());
        headers.put(EventHeaders.CORRELATION_ID, example.get("correlation_id").asString());
        headers.put(EventHeaders.TRACEPARENT, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        if (!byUser) {
            headers.put(
                    EventHeaders.BAGGAGE, "order_id=" + example.get("order_id").asString());
        }
        var binding = kafka(
                "key",
                ordered(
                        "type",
                        "string",
                        "description",
                        byUser ? "the user id (`user_id`)" : "the order id (`order_id`)"));
        Message message = Message.builder()
                .name(name)
                .title(name + " " + version)
                .summary(schema.get("description").asString())
                .contentType("application/json")
                .headers(new Reference("#/components/schemas/EventHeaders"))
                .payload(new Reference("#/components/schemas/" + name))
                .bindings(Map.of("kafka", binding))
                .examples(List.of(MessageExample.builder()
                        .name(name + "Example")
                        .headers(headers)
                        .payload(JSON.convertValue(example, Map.class))
                        .build()))
                .build();
        var extensions = new LinkedHashMap<String, Object>();
        extensions.put("x-schema-version", version.toString());
        extensions.put(
                "x-reads-majors",
                EventVersions.readableMajors(type).stream().map(String::valueOf).toList());
        extensions.put("x-schema-file", "events-schema/src/main/resources/schemas/" + name + ".schema.json");
        message.setExtensionFields(extensions);
        return message;
    }

    private static Message deadLetterMessage() {
        return Message.builder()
                .name("DeadLetter")
                .title("A dead-lettered record")
                .summary("The original record's value as it came: one of its topic's events, or bytes that could"
                        + " not be read. The original headers are kept; these are added.")
                .contentType("application/json")
                .headers(new Reference("#/components/schemas/DeadLetterHeaders"))
                .payload(Map.of(
                        "description",
                        "The original value, unchanged (may not be valid JSON: that can be why it is here)."))
                .bindings(Map.of(
                        "kafka",
                        kafka(
                                "key",
                                ordered(
                                        "type",
                                        "string",
                                        "description",
                                        "the original record's key (order id or user id)"))))
                .build();
    }

    private static Map<String, Object> eventHeaders() {
        var properties = new LinkedHashMap<String, Object>();
        properties.put(
                EventHeaders.TYPE, header("The event's wire name, the same as the JSON `type`, e.g. StockReserved."));
        properties.put(
                EventHeaders.SCHEMA_VERSION,
                header("The event's schema version, MAJOR.MINOR, the same as the JSON `schema_version`."));
        properties.put(
                EventHeaders.CORRELATION_ID,
                header("The saga's correlation id, set by the gateway and copied to every event it causes."));
        properties.put(
                EventHeaders.REPLY_TO,
                header("Optional: the gateway instance waiting for the order, set on OrderRequested and copied by"
                        + " every step onto what it causes, so each OrderStatusChanged and CustomerValidated names"
                        + " the instance it is for (a gateway drops the others' by this header without reading them,"
                        + " and takes its own CustomerValidated as the first hop's progress from its headers alone;"
                        + " no header: for every instance)."));
        properties.put(
                EventHeaders.TRACEPARENT,
                header("W3C trace context, written by the tracing library (every hop continues the order's"
                        + " trace)."));
        properties.put(
                EventHeaders.BAGGAGE,
                header("W3C baggage, written by the tracing library; carries `order_id` for the logs."));
        var schema = new LinkedHashMap<String, Object>();
        schema.put("type", "object");
        schema.put("required", List.of(EventHeaders.TYPE, EventHeaders.SCHEMA_VERSION, EventHeaders.CORRELATION_ID));
        schema.put("properties", properties);
        return schema;
    }

    private static Map<String, Object> deadLetterHeadersSchema() {
        var properties = new LinkedHashMap<String, Object>();
        DEAD_LETTER_HEADERS.forEach((name, description) -> properties.put(name, header(description)));
        var schema = new LinkedHashMap<String, Object>();
        schema.put("type", "object");
        schema.put(
                "description",
                "Added by the dead-letter recoverer (Spring Kafka's names); the event's own headers are kept.");
        schema.put("properties", properties);
        return schema;
    }

    private static Map<String, String> deadLetterHeaders() {
        var headers = new LinkedHashMap<String, String>();
        headers.put(
                "kafka_dlt-exception-fqcn",
                "Why: the exception's class, e.g. dev.ordersaga.events.UnsupportedEventVersionException.");
        headers.put("kafka_dlt-exception-cause-fqcn", "The class of its root cause, when it has one.");
        headers.put(
                "kafka_dlt-exception-message",
                "Why, for people: e.g. `StockReserved schema_version 2.0 is not readable by this consumer:"
                        + " it reads 1.x ...`.");
        headers.put("kafka_dlt-exception-stacktrace", "Where it failed.");
        headers.put("kafka_dlt-original-topic", "The topic the record was read from.");
        headers.put("kafka_dlt-original-partition", "Its partition (4-byte big-endian int).");
        headers.put("kafka_dlt-original-offset", "Its offset (8-byte big-endian long).");
        headers.put("kafka_dlt-original-timestamp", "Its timestamp (8-byte big-endian long).");
        headers.put("kafka_dlt-original-timestamp-type", "CreateTime or LogAppendTime.");
        headers.put("kafka_dlt-original-consumer-group", "The consumer group that gave up on it.");
        return headers;
    }

    /** Two entries in this order (Map.of has none, and the document must come out the same every time). */
    private static Map<String, Object> ordered(String key1, Object value1, String key2, Object value2) {
        var map = new LinkedHashMap<String, Object>();
        map.put(key1, value1);
        map.put(key2, value2);
        return map;
    }

    private static Map<String, Object> header(String description) {
        var header = new LinkedHashMap<String, Object>();
        header.put("type", "string");
        header.put("description", description);
        return header;
    }

    private static Map<String, Object> kafka(String field, Object value) {
        var binding = new LinkedHashMap<String, Object>();
        binding.put(field, value);
        binding.put("bindingVersion", KAFKA_BINDING_VERSION);
        return binding;
    }

    /**
     * The event's JSON Schema as an AsyncAPI schema: no {@code $schema}/{@code $id}/examples (the
     * example goes to the message), its {@code $defs} shared under {@code components.schemas}.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> payloadSchema(JsonNode eventSchema, Map<String, Object> shared) {
        ObjectNode copy = (ObjectNode) eventSchema.deepCopy();
        copy.remove(List.of("$schema", "$id", "examples"));
        JsonNode defs = copy.remove("$defs");
        if (defs != null) {
            for (String name : defs.propertyNames()) {
                Object definition = JSON.convertValue(rewriteRefs(defs.get(name)), Map.class);
                Object before = shared.putIfAbsent(name, definition);
                if (before != null && !before.equals(definition)) {
                    throw new IllegalStateException("two schemas define " + name + " differently");
                }
            }
        }
        return JSON.convertValue(rewriteRefs(copy), Map.class);
    }

    private static JsonNode rewriteRefs(JsonNode node) {
        JsonNode copy = node.deepCopy();
        rewrite(copy);
        return copy;
    }

    private static void rewrite(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.asString().startsWith("#/$defs/")) {
                object.put("$ref", "#/components/schemas/" + ref.asString().substring("#/$defs/".length()));
            }
            object.values().forEach(AsyncApiDocument::rewrite);
        } else if (node.isArray()) {
            node.forEach(AsyncApiDocument::rewrite);
        }
    }

    static JsonNode eventSchema(String name) {
        try (InputStream in = Event.class.getResourceAsStream("/schemas/" + name + ".schema.json")) {
            if (in == null) {
                throw new IllegalStateException("no schema for " + name);
            }
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every header name {@link EventHeaders} declares. */
    static List<String> declaredHeaders() {
        return Arrays.stream(EventHeaders.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .map(field -> {
                    try {
                        return (String) field.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static JsonNode toTree(AsyncAPI document) {
        try {
            ObjectMapper model = new ObjectMapper()
                    .setDefaultPropertyInclusion(JsonInclude.Include.NON_EMPTY)
                    .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
            return JSON.readTree(model.writeValueAsString(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pascal(String topic) {
        return Arrays.stream(topic.split("[-.]"))
                .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
                .collect(Collectors.joining());
    }

    private static String camel(String name) {
        String pascal = pascal(name);
        return Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
    }
}
