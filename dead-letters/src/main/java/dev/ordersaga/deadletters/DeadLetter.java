package dev.ordersaga.deadletters;

import java.time.Instant;

/**
 * One record of a {@code <topic>.DLT}, as an operator needs it.
 *
 * @param ref where it sits
 * @param at when it was dead-lettered (the record's timestamp)
 * @param orderId the record's key: every saga event is keyed by its order id (user events by user id)
 * @param eventType the {@code event_type} header, else the payload's {@code type}; null when unreadable
 * @param error the simple class name of the exception the consumer gave up with, if recorded
 * @param message the exception's message, on one line and shortened
 * @param origin where it first was: {@code topic-partition@offset}
 * @param redriven whether it was re-driven already (a re-drive of "everything" skips it)
 * @param payload the record's value as text
 */
public record DeadLetter(
        RecordRef ref,
        Instant at,
        String orderId,
        String eventType,
        String error,
        String message,
        String origin,
        boolean redriven,
        String payload) {

    /** The topic a re-drive sends it to: the dead-letter topic's own topic. */
    public String targetTopic() {
        return DeadLetters.originOf(ref.topic());
    }

    /** One line for a terminal: time, topic, type, order, origin, error. */
    public String line() {
        return "%s  %s  %s  %s  from %s  %s%s%s"
                .formatted(
                        at,
                        ref.topic(),
                        eventType == null ? "(unreadable)" : eventType,
                        orderId == null ? "-" : orderId,
                        origin,
                        error == null ? "" : error,
                        message == null ? "" : ": " + message,
                        redriven ? "  [re-driven]" : "");
    }
}
