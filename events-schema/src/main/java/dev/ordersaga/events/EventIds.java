package dev.ordersaga.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids. An outcome re-emitted for a redelivered cause carries the same id as the first
 * time, so a consumer that keeps event ids sees it as the duplicate it is.
 */
public final class EventIds {

    private EventIds() {}

    /** A fresh id for an event that has no cause on the wire (a request, a timer, an admin action). */
    public static UUID fresh() {
        return UUID.randomUUID();
    }

    /** The id of the {@code type} event caused by the event {@code causeId}: the same every time. */
    public static UUID causedBy(UUID causeId, Class<? extends Event> type) {
        return UUID.nameUUIDFromBytes((causeId + "/" + type.getSimpleName()).getBytes(StandardCharsets.UTF_8));
    }

    /** The id of the {@code type} event about {@code subject} (e.g. an order id and a step): the same every time. */
    public static UUID about(String subject, Class<? extends Event> type) {
        return UUID.nameUUIDFromBytes((subject + "/" + type.getSimpleName()).getBytes(StandardCharsets.UTF_8));
    }
}
