package dev.ordersaga.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The schema version of every event type (its {@link EventVersion}) and the one rule every
 * consumer applies before it reads an event: the event's major version must be one its record
 * reads. Newer minors of a known major are read (they only add optional fields).
 */
public final class EventVersions {

    private static final Map<String, Class<? extends Event>> TYPES =
            concrete(Event.class).collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private static final ClassValue<SchemaVersion> CURRENT = new ClassValue<>() {
        @Override
        protected SchemaVersion computeValue(Class<?> type) {
            EventVersion declared = declaration(type);
            return new SchemaVersion(declared.major(), declared.minor());
        }
    };

    private EventVersions() {}

    /** Every concrete event type by its wire name ({@code type}). */
    public static Map<String, Class<? extends Event>> types() {
        return TYPES;
    }

    public static Optional<Class<? extends Event>> type(String name) {
        return Optional.ofNullable(TYPES.get(name));
    }

    /** The version this code writes for {@code type}. */
    public static SchemaVersion current(Class<?> type) {
        return CURRENT.get(type);
    }

    /** The majors this code reads for {@code type}: its current one and those it declares it also reads. */
    public static Set<Integer> readableMajors(Class<?> type) {
        EventVersion declared = declaration(type);
        Set<Integer> majors = new TreeSet<>();
        majors.add(declared.major());
        Arrays.stream(declared.alsoReads()).forEach(majors::add);
        return majors;
    }

    /**
     * Refuses an event this consumer must not read: an unknown type name is left to the JSON reader,
     * which fails on it anyway.
     *
     * @param version the event's {@code schema_version}; null when absent, which means 1.0
     * @throws UnsupportedEventVersionException naming the event, its version and what this code reads
     */
    public static void requireReadable(String type, String version) {
        Class<? extends Event> known = TYPES.get(type);
        if (known == null) {
            return;
        }
        requireReadable(type, version, readableMajors(known), current(known));
    }

    /** The rule itself, for a consumer that reads {@code majors} and writes {@code writes}. */
    public static void requireReadable(String type, String version, Set<Integer> majors, SchemaVersion writes) {
        SchemaVersion received;
        try {
            received = version == null ? SchemaVersion.FIRST : SchemaVersion.parse(version);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedEventVersionException(type, version, type + ": " + e.getMessage());
        }
        if (!majors.contains(received.major())) {
            throw new UnsupportedEventVersionException(
                    type,
                    version,
                    type + " schema_version " + received + " is not readable by this consumer: it reads "
                            + majors.stream().map(m -> m + ".x").collect(Collectors.joining(", "))
                            + " (and writes " + writes + "); deploy a consumer that reads " + received.major()
                            + ".x, then re-drive this dead letter");
        }
    }

    private static EventVersion declaration(Class<?> type) {
        EventVersion declared = type.getAnnotation(EventVersion.class);
        if (declared == null) {
            throw new IllegalStateException(type.getName() + " declares no @EventVersion");
        }
        return declared;
    }

    @SuppressWarnings("unchecked")
    private static Stream<Class<? extends Event>> concrete(Class<?> type) {
        if (type.isRecord()) {
            return Stream.of((Class<? extends Event>) type);
        }
        return Arrays.stream(type.getPermittedSubclasses()).flatMap(EventVersions::concrete);
    }
}
