package dev.ordersaga.console.audit;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One thing an operator did (or tried): who, when, what, on what, and how it ended.
 *
 * @param id a random id
 * @param at when
 * @param operator the shop account's username
 * @param action what ({@code SIGN_IN}, {@code CANCEL_ORDER}, {@code REDRIVE}, ...)
 * @param target on what (an order id, a dead-letter record, a topic)
 * @param outcome {@code OK}, {@code REFUSED} or {@code FAILED}
 * @param detail the result in words (the service's answer, the records re-driven)
 */
@Document("audit")
public record AuditEntry(
        @Id String id, Instant at, String operator, String action, String target, Outcome outcome, String detail) {

    public enum Outcome {
        OK,
        REFUSED,
        FAILED
    }
}
