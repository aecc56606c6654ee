package dev.ordersaga.customer.domain;

import dev.ordersaga.events.CustomerEvent;
import dev.ordersaga.events.CustomerRejected;
import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.OrderLine;
import dev.ordersaga.events.OrderRequested;
import dev.ordersaga.events.ReasonCode;
import java.time.Instant;
import java.util.List;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * The answer given for one order, stored before it is published. The order id is the document's
 * {@code _id}, so there is one answer per order: the first decision wins, and every later
 * {@code OrderRequested} for the order (a redelivery, a retried request) gets exactly this answer
 * again, with the same event id, even if the customer has changed since.
 */
@Document("order_validations")
public record OrderValidation(
        @MongoId(FieldType.STRING) String orderId,
        Outcome outcome,
        @Field("customer_id") String customerId,
        ReasonCode reason,
        String detail,
        List<OrderLine> lines,
        @Field("payment_method") String paymentMethod,
        @Field("correlation_id") String correlationId,
        @Field("decided_at") Instant decidedAt) {

    public enum Outcome {
        VALIDATED,
        REJECTED
    }

    /** The answer to {@code request} given the verdict on its customer. */
    public static OrderValidation decide(OrderRequested request, CustomerVerdict verdict, Instant now) {
        if (verdict == CustomerVerdict.VALID) {
            return new OrderValidation(
                    request.orderId(),
                    Outcome.VALIDATED,
                    request.customerId(),
                    null,
                    null,
                    request.lines(),
                    request.paymentMethod(),
                    request.correlationId(),
                    now);
        }
        String detail = verdict == CustomerVerdict.INACTIVE
                ? "Customer " + request.customerId() + " is inactive."
                : "Customer " + request.customerId() + " does not exist.";
        return new OrderValidation(
                request.orderId(),
                Outcome.REJECTED,
                request.customerId(),
                verdict.reason(),
                detail,
                null,
                null,
                request.correlationId(),
                now);
    }

    /** The event that carries this answer; the same event (id included) every time it is built. */
    public CustomerEvent toEvent() {
        return switch (outcome) {
            case VALIDATED ->
                new CustomerValidated(
                        EventIds.about(orderId, CustomerValidated.class),
                        orderId,
                        decidedAt,
                        correlationId,
                        customerId,
                        lines,
                        paymentMethod);
            case REJECTED ->
                new CustomerRejected(
                        EventIds.about(orderId, CustomerRejected.class),
                        orderId,
                        decidedAt,
                        correlationId,
                        customerId,
                        reason,
                        detail);
        };
    }
}
