package dev.ordersaga.saga;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.EventVersions;
import java.util.Map;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import tools.jackson.databind.JsonNode;

/**
 * Reads every event every consumer gets (the saga runtime's batches, record listeners, the
 * gateway's replies): the one place that checks an event's {@code schema_version} before its
 * record is built. A major version the record does not read ({@link EventVersions#requireReadable})
 * throws an {@link dev.ordersaga.events.UnsupportedEventVersionException} naming the event, its
 * version and what this consumer reads; wrapped in the {@code ErrorHandlingDeserializer}, the
 * record then goes to {@code <topic>.DLT} with that message, like any record that cannot be read.
 *
 * <p>A consumer configured with an {@link EventFilter} (its consumer properties) passes over the
 * records it does not read, by their headers, without parsing them: their value is null.
 */
public class EventDeserializer implements Deserializer<Event> {

    private static final LogAccessor SPRING_LOG = new LogAccessor(LogFactory.getLog(EventDeserializer.class));

    private volatile EventFilter filter = EventFilter.ALL;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        filter = EventFilter.of(configs);
    }

    @Override
    public Event deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        JsonNode json = EventJson.mapper().readTree(data);
        JsonNode version = json.get("schema_version");
        EventVersions.requireReadable(
                json.path("type").asString(""), version == null || version.isNull() ? null : version.asString());
        return EventJson.mapper().treeToValue(json, Event.class);
    }

    @Override
    public Event deserialize(String topic, Headers headers, byte[] data) {
        if (data != null && filter.passesOver(headers)) {
            return null;
        }
        return deserialize(topic, data);
    }

    /**
     * The failure of a record that could not be read (the {@code ErrorHandlingDeserializer} left its
     * value null and put the exception in a header), or null for a record that was read, or passed
     * over unread.
     */
    public static DeserializationException failureOf(ConsumerRecord<?, ?> record) {
        if (record.value() != null) {
            return null;
        }
        return SerializationUtils.getExceptionFromHeader(
                record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, SPRING_LOG);
    }

    /**
     * Why a record could not be read: the reader's own exception inside Spring's
     * {@link DeserializationException} ("failed to deserialize"), e.g. the
     * {@link dev.ordersaga.events.UnsupportedEventVersionException}; any other exception as it is.
     */
    public static Exception reasonOf(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof DeserializationException unreadable
                    && unreadable.getCause() instanceof Exception why) {
                return why;
            }
        }
        return exception;
    }
}
