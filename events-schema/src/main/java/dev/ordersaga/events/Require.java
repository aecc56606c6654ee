package dev.ordersaga.events;

import java.util.List;
import java.util.Objects;

/** Guards for the records' compact constructors: a contract with a missing field is refused. */
final class Require {

    private Require() {}

    static void envelope(java.util.UUID eventId, java.time.Instant occurredAt, String correlationId) {
        present(eventId, "event_id");
        present(occurredAt, "occurred_at");
        text(correlationId, "correlation_id");
    }

    static <T> T present(T value, String field) {
        return Objects.requireNonNull(value, () -> "missing required field " + field);
    }

    static String text(String value, String field) {
        if (present(value, field).isBlank()) {
            throw new IllegalArgumentException("field " + field + " must not be blank");
        }
        return value;
    }

    static <T> List<T> list(List<T> values, String field) {
        return List.copyOf(present(values, field));
    }

    static <T> List<T> nonEmpty(List<T> values, String field) {
        List<T> copy = list(values, field);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("field " + field + " must not be empty");
        }
        return copy;
    }
}
