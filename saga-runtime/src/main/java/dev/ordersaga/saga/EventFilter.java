package dev.ordersaga.saga;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Which records a consumer reads, decided from their headers alone, so that what it does not read
 * costs no JSON parsing: a record whose {@link EventHeaders#TYPE event_type} is not one of the
 * consumer's types, or whose {@link EventHeaders#REPLY_TO reply_to} names another gateway instance,
 * is passed over unread ({@link EventDeserializer} gives it a null value). A record without the
 * header is read, as before the header existed.
 *
 * <p>Configured per consumer by two consumer properties: {@value #TYPES} (the wire names a saga
 * participant handles, set from {@link SagaParticipant#handledTypes} for the listener that names
 * its participant, see {@link SagaRuntimes#PARTICIPANT}) and {@value #REPLY_TO} (the gateway
 * instance's own id).
 */
public final class EventFilter {

    /** Consumer property: the event types read, wire names separated by commas; absent: every type. */
    public static final String TYPES = "saga.read.event-types";

    /** Consumer property: read only the replies for this gateway instance (and those for every instance). */
    public static final String REPLY_TO = "saga.read.reply-to";

    /** Reads everything. */
    static final EventFilter ALL = new EventFilter(null, null);

    private final Set<String> types;
    private final String replyTo;

    private EventFilter(Set<String> types, String replyTo) {
        this.types = types;
        this.replyTo = replyTo;
    }

    /** The filter the consumer properties {@value #TYPES} and {@value #REPLY_TO} describe. */
    static EventFilter of(Map<String, ?> configs) {
        Object types = configs.get(TYPES);
        Object replyTo = configs.get(REPLY_TO);
        return new EventFilter(
                types == null || types.toString().isBlank()
                        ? null
                        : Arrays.stream(types.toString().split(","))
                                .map(String::strip)
                                .collect(Collectors.toUnmodifiableSet()),
                replyTo == null || replyTo.toString().isBlank() ? null : replyTo.toString());
    }

    /** Reads only these types (every type if empty). */
    static EventFilter reading(Collection<Class<? extends Event>> types) {
        return types.isEmpty() ? ALL : new EventFilter(Set.copyOf(wireNames(types)), null);
    }

    /** The value of {@value #TYPES} for these types. */
    static String typesProperty(Collection<Class<? extends Event>> types) {
        return String.join(",", wireNames(types));
    }

    /** Whether a record with these headers is to be passed over unread. */
    public boolean passesOver(Headers headers) {
        if (types != null) {
            String type = header(headers, EventHeaders.TYPE);
            if (type != null && !types.contains(type)) {
                return true;
            }
        }
        if (replyTo != null) {
            String to = header(headers, EventHeaders.REPLY_TO);
            return to != null && !replyTo.equals(to);
        }
        return false;
    }

    private static Set<String> wireNames(Collection<Class<? extends Event>> types) {
        // an event's wire name is its record's simple name (Event#type, the JSON subtype names)
        return types.stream().map(Class::getSimpleName).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** A header's last value as text (the headers of {@link EventHeaders} are UTF-8), or null if absent. */
    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
