package dev.ordersaga.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.asyncapi.v3._0_0.model.AsyncAPI;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The AsyncAPI document is generated from the code ({@link AsyncApiDocument}) and committed under
 * {@code src/main/resources/asyncapi/}, where the gateway serves it ({@code /asyncapi}) and people
 * read it in the repository. This test fails when the committed files are not what the code
 * generates; to write them again:
 *
 * <pre>./mvnw -pl events-schema verify -Dtest=AsyncApiDocumentTest -Dasyncapi.write=true</pre>
 *
 * The page for people ({@link AsyncApiPage}) is not committed: the build renders it into the jar,
 * beside the document, before the tests run.
 */
class AsyncApiDocumentTest {

    static final Path DIRECTORY = Path.of("src/main/resources/asyncapi");
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final YAMLMapper YAML = YAMLMapper.builder()
            // every string quoted: a bare 1.1 or 2026-11-24T10:15:30Z would be read back as a number or a date
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .disable(YAMLWriteFeature.SPLIT_LINES)
            .build();

    private static final JsonNode GENERATED = AsyncApiDocument.build();

    @Test
    void the_committed_document_is_what_the_code_generates() throws IOException {
        Map<String, String> files = Map.of(
                "asyncapi.json",
                JSON.writeValueAsString(GENERATED) + "\n",
                "asyncapi.yaml",
                YAML.writeValueAsString(GENERATED));
        List<String> stale = new ArrayList<>();
        for (var file : files.entrySet()) {
            Path path = DIRECTORY.resolve(file.getKey());
            if (Boolean.getBoolean("asyncapi.write")) {
                Files.createDirectories(DIRECTORY);
                Files.writeString(path, file.getValue());
            }
            if (!Files.exists(path) || !Files.readString(path).equals(file.getValue())) {
                stale.add(path.toString());
            }
        }
        assertThat(stale)
                .as("generated from the code but not committed as generated; write them again with"
                        + " ./mvnw -pl events-schema verify -Dtest=AsyncApiDocumentTest -Dasyncapi.write=true")
                .isEmpty();
    }

    @Test
    void the_document_is_valid_against_the_official_asyncapi_3_schema() throws IOException {
        JsonNode committed = committed();
        var registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        try (InputStream schema = getClass().getResourceAsStream("/asyncapi/asyncapi-3.0.0.schema.json")) {
            var errors = registry.getSchema(schema).validate(committed);

            assertThat(errors).isEmpty();
        }
        assertThat(committed.get("asyncapi").asString()).isEqualTo("3.0.0");
    }

    @Test
    void the_document_is_invalid_once_broken_so_the_validation_can_fail() throws IOException {
        var broken = (tools.jackson.databind.node.ObjectNode) committed().deepCopy();
        broken.withObject("/channels/order-requests").put("address", 42);
        var registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        try (InputStream schema = getClass().getResourceAsStream("/asyncapi/asyncapi-3.0.0.schema.json")) {
            assertThat(registry.getSchema(schema).validate(broken)).isNotEmpty();
        }
    }

    @Test
    void the_asyncapi_java_model_reads_the_document() throws IOException {
        AsyncAPI read = new ObjectMapper()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(Files.readString(DIRECTORY.resolve("asyncapi.json")), AsyncAPI.class);

        assertThat(read.getChannels()).hasSize(Topics.ALL.size() * 2);
        assertThat(read.getComponents().getMessages()).containsKeys("OrderRequested", "DeadLetter");
    }

    @Test
    void every_topic_and_its_dead_letter_topic_is_a_channel() throws IOException {
        JsonNode channels = committed().get("channels");
        List<String> addresses = new ArrayList<>();
        channels.values()
                .forEach(channel -> addresses.add(channel.get("address").asString()));

        List<String> expected = new ArrayList<>();
        Topics.ALL.forEach(topic -> {
            expected.add(topic);
            expected.add(Topics.deadLetter(topic));
        });
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(expected);
        for (String topic : Topics.ALL) {
            assertThat(channels.at("/" + Topics.deadLetter(topic) + "/messages/DeadLetter/$ref")
                            .asString())
                    .isEqualTo("#/components/messages/DeadLetter");
        }
    }

    @Test
    void every_event_type_is_a_message_on_its_own_topic_with_its_key_version_and_payload() throws IOException {
        JsonNode document = committed();
        for (Event sample : EventSamples.all()) {
            String type = sample.type();
            JsonNode message = document.at("/components/messages/" + type);
            assertThat(message.isObject()).as(type).isTrue();
            assertThat(document.at("/channels/" + sample.topic() + "/messages/" + type + "/$ref")
                            .asString())
                    .as("%s on %s", type, sample.topic())
                    .isEqualTo("#/components/messages/" + type);
            assertThat(message.get("x-schema-version").asString()).isEqualTo(sample.schemaVersion());
            assertThat(message.at("/bindings/kafka/key/type").asString()).isEqualTo("string");
            assertThat(message.at("/bindings/kafka/key/description").asString())
                    .contains(sample instanceof SagaEvent ? "order id" : "user id");
            JsonNode payload = document.at("/components/schemas/" + type + "/properties");
            assertThat(payload.propertyNames())
                    .containsAll(JSON.valueToTree(sample).propertyNames());
        }
        List<String> messages =
                new ArrayList<>(document.at("/components/messages").propertyNames());
        messages.remove("DeadLetter");
        assertThat(messages)
                .containsExactlyInAnyOrderElementsOf(EventVersions.types().keySet());
    }

    @Test
    void every_header_is_described() throws IOException {
        JsonNode headers = committed().at("/components/schemas/EventHeaders/properties");

        assertThat(AsyncApiDocument.declaredHeaders())
                .isNotEmpty()
                .allSatisfy(header ->
                        assertThat(headers.has(header)).as("header %s", header).isTrue());
        assertThat(headers.propertyNames()).containsExactlyInAnyOrderElementsOf(AsyncApiDocument.declaredHeaders());
        for (String message : EventVersions.types().keySet()) {
            assertThat(committed()
                            .at("/components/messages/" + message + "/headers/$ref")
                            .asString())
                    .isEqualTo("#/components/schemas/EventHeaders");
        }
    }

    @Test
    void the_built_jar_holds_the_page_of_the_code_and_it_shows_every_topic_event_and_header() throws IOException {
        String page;
        try (InputStream in = getClass().getResourceAsStream("/asyncapi/" + AsyncApiPage.PAGE)) {
            assertThat(in)
                    .as(
                            "asyncapi/%s in the build's classes (exec-maven-plugin renders it before the tests)",
                            AsyncApiPage.PAGE)
                    .isNotNull();
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(page).isEqualTo(AsyncApiPage.render(GENERATED));

        Topics.ALL.forEach(topic -> assertThat(page).contains("id=\"ch-" + topic + "\"", Topics.deadLetter(topic)));
        EventVersions.types()
                .forEach((name, type) -> assertThat(page)
                        .contains("id=\"msg-" + name + "\"", "schema_version " + EventVersions.current(type)));
        AsyncApiDocument.declaredHeaders().forEach(header -> assertThat(page).contains("<code>" + header + "</code>"));
        assertThat(page).doesNotContain("<script", "http://", "https://");
    }

    private static JsonNode committed() throws IOException {
        return JSON.readTree(Files.readString(DIRECTORY.resolve("asyncapi.json")));
    }
}
