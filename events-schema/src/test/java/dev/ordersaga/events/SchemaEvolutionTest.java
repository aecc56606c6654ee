package dev.ordersaga.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compatibility gate. Every event's schema is published under its version in
 * {@code src/main/resources/schemas/published/<Event>.v<MAJOR>.<MINOR>.json}; the build fails when
 * the current schema differs from the published one of its version, when a minor version breaks
 * the one before it ({@link SchemaCompatibility} says what breaks), and when a new major is not
 * read alongside the one before (every consumer must handle both while producers move over).
 * The rules are in this module's README.
 */
class SchemaEvolutionTest {

    private static final Path SCHEMAS = Path.of("src/main/resources/schemas");
    private static final Path PUBLISHED = SCHEMAS.resolve("published");
    private static final Pattern PUBLISHED_NAME = Pattern.compile("(\\w+)\\.v([0-9]+\\.[0-9]+)\\.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry VALIDATOR =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    static Stream<String> events() {
        return EventVersions.types().keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void the_schema_is_the_one_published_under_its_version(String type) {
        SchemaVersion version = EventVersions.current(EventVersions.types().get(type));
        JsonNode current = read(SCHEMAS.resolve(type + ".schema.json"));
        TreeMap<SchemaVersion, JsonNode> published = published(type);
        if (published.isEmpty()) {
            fail(type + " has no published schema: publish it with " + publishCommand(type, version));
        }
        SchemaVersion latest = published.lastKey();
        if (version.compareTo(latest) < 0) {
            fail(type + " is at " + version + " (its @EventVersion) but " + latest + " is already published");
        }
        List<SchemaCompatibility.Change> changes = SchemaCompatibility.changes(published.get(latest), current);
        boolean breaking = SchemaCompatibility.breaks(changes);
        if (version.equals(latest) && !changes.isEmpty()) {
            fail(type + " changed since its published version " + latest + " ("
                    + PUBLISHED.resolve(fileName(type, latest))
                    + ") but its @EventVersion is still " + latest + ":\n" + list(changes) + "\n"
                    + (breaking ? howToBreak(type, latest) : howToAdd(type, latest)));
        }
        if (version.major() == latest.major() && breaking) {
            fail(type + " " + version + " breaks consumers of " + latest + ", which a minor version must not do:\n"
                    + list(changes) + "\n" + howToBreak(type, latest));
        }
        if (!published.containsKey(version)) {
            fail(type + " " + version + " is not published yet (changes since " + latest + ":\n" + list(changes)
                    + ")\npublish it: " + publishCommand(type, version));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void every_published_minor_is_compatible_with_the_one_before_it(String type) {
        var published = published(type);
        SchemaVersion previous = null;
        for (SchemaVersion version : published.keySet()) {
            if (previous != null && previous.major() == version.major()) {
                var changes = SchemaCompatibility.changes(published.get(previous), published.get(version));
                assertThat(SchemaCompatibility.breaks(changes))
                        .as("%s %s breaks consumers of %s:%n%s", type, version, previous, list(changes))
                        .isFalse();
            }
            previous = version;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void a_new_major_is_read_alongside_the_major_before_it(String type) {
        Class<? extends Event> record = EventVersions.types().get(type);
        SchemaVersion version = EventVersions.current(record);
        published(type).keySet().stream()
                .map(SchemaVersion::major)
                .filter(major -> major < version.major())
                .max(Integer::compare)
                .ifPresent(before -> assertThat(EventVersions.readableMajors(record))
                        .as(
                                "%s %s: producers still write %d.x while they move over, so every consumer must read"
                                        + " both; declare @EventVersion(major = %d, minor = %d, alsoReads = %d) and"
                                        + " read the %d.x shape in the record",
                                type, version, before, version.major(), version.minor(), before, before)
                        .contains(before));
    }

    /**
     * Consumers handle every version they declare: the example published with each readable
     * version (what a producer of that version wrote) passes the version check and reads into the
     * current record. Within a major, each side's example is valid under the other side's schema.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void the_record_reads_the_example_of_every_version_it_declares(String type) {
        Class<? extends Event> record = EventVersions.types().get(type);
        SchemaVersion version = EventVersions.current(record);
        JsonNode current = read(SCHEMAS.resolve(type + ".schema.json"));
        JsonNode currentExample = current.get("examples").get(0);
        published(type).forEach((publishedVersion, schema) -> {
            if (!EventVersions.readableMajors(record).contains(publishedVersion.major())) {
                return;
            }
            JsonNode example = schema.path("examples").path(0);
            assertThat(example.isObject())
                    .as("%s %s is published with an example", type, publishedVersion)
                    .isTrue();
            assertThatCode(() -> {
                        EventVersions.requireReadable(
                                type, example.path("schema_version").asString(null));
                        assertThat(JSON.treeToValue(example, Event.class)).isInstanceOf(record);
                    })
                    .as("%s %s reads the example published with %s", type, version, publishedVersion)
                    .doesNotThrowAnyException();
            if (publishedVersion.major() == version.major()) {
                assertThat(VALIDATOR.getSchema(schema).validate(currentExample))
                        .as("a %s %s consumer's schema accepts a %s event", type, publishedVersion, version)
                        .isEmpty();
                assertThat(VALIDATOR.getSchema(current).validate(example))
                        .as("the %s %s schema accepts a %s event", type, version, publishedVersion)
                        .isEmpty();
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void nothing_is_published_ahead_of_the_code(String type) {
        SchemaVersion version = EventVersions.current(EventVersions.types().get(type));
        assertThat(published(type).keySet())
                .allSatisfy(published -> assertThat(published)
                        .as("%s published %s, the code is at %s", type, published, version)
                        .isLessThanOrEqualTo(version));
    }

    @org.junit.jupiter.api.Test
    void every_published_file_is_a_version_of_an_event_of_the_catalogue() {
        assertThat(publishedFilesByEvent().keySet())
                .isSubsetOf(EventVersions.types().keySet());
    }

    static TreeMap<SchemaVersion, JsonNode> published(String type) {
        TreeMap<SchemaVersion, JsonNode> versions = new TreeMap<>();
        try (Stream<Path> files = Files.list(PUBLISHED)) {
            files.forEach(file -> {
                Matcher name = PUBLISHED_NAME.matcher(file.getFileName().toString());
                if (!name.matches()) {
                    throw new IllegalStateException(file + " is not named <Event>.v<MAJOR>.<MINOR>.json");
                }
                if (name.group(1).equals(type)) {
                    versions.put(SchemaVersion.parse(name.group(2)), read(file));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }

    static Map<String, List<Path>> publishedFilesByEvent() {
        try (Stream<Path> files = Files.list(PUBLISHED)) {
            return files.collect(
                    Collectors.groupingBy(file -> file.getFileName().toString().replaceFirst("\\.v.*", "")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String howToAdd(String type, SchemaVersion latest) {
        SchemaVersion next = new SchemaVersion(latest.major(), latest.minor() + 1);
        return "Only compatible changes: raise the minor, @EventVersion(major = " + next.major() + ", minor = "
                + next.minor() + "), and publish it: " + publishCommand(type, next)
                + " (rules: events-schema/README.md)";
    }

    private static String howToBreak(String type, SchemaVersion latest) {
        SchemaVersion next = new SchemaVersion(latest.major() + 1, 0);
        return "A breaking change needs a new major: @EventVersion(major = " + next.major()
                + ", minor = 0, alsoReads = "
                + latest.major() + ") with a record that still reads the " + latest.major()
                + ".x shape (e.g. @JsonAlias for a renamed field), deployed to every consumer before any producer"
                + " writes " + next + "; then publish it: " + publishCommand(type, next)
                + ". Or make the change compatible (add a field instead of changing one). Rules: events-schema/README.md";
    }

    private static String publishCommand(String type, SchemaVersion version) {
        return "cp events-schema/" + SCHEMAS.resolve(type + ".schema.json") + " events-schema/"
                + PUBLISHED.resolve(fileName(type, version));
    }

    private static String fileName(String type, SchemaVersion version) {
        return type + ".v" + version + ".json";
    }

    private static String list(List<SchemaCompatibility.Change> changes) {
        return changes.stream().map(change -> "  " + change).collect(Collectors.joining("\n"));
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
