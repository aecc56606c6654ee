package dev.ordersaga.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * Every event on the wire. The {@code type} property names the record (its simple class name),
 * so a consumer can read any topic into this interface and {@code switch} over the sealed
 * families below. Unknown fields are ignored so producers can add fields without breaking
 * consumers.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = OrderRequested.class, name = "OrderRequested"),
    @JsonSubTypes.Type(value = UserRegistered.class, name = "UserRegistered"),
    @JsonSubTypes.Type(value = CustomerValidated.class, name = "CustomerValidated"),
    @JsonSubTypes.Type(value = CustomerRejected.class, name = "CustomerRejected"),
    @JsonSubTypes.Type(value = StockReserved.class, name = "StockReserved"),
    @JsonSubTypes.Type(value = StockRejected.class, name = "StockRejected"),
    @JsonSubTypes.Type(value = StockReleased.class, name = "StockReleased"),
    @JsonSubTypes.Type(value = StockCommitted.class, name = "StockCommitted"),
    @JsonSubTypes.Type(value = PaymentCompleted.class, name = "PaymentCompleted"),
    @JsonSubTypes.Type(value = PaymentFailed.class, name = "PaymentFailed"),
    @JsonSubTypes.Type(value = PaymentRefunded.class, name = "PaymentRefunded"),
    @JsonSubTypes.Type(value = OrderConfirmed.class, name = "OrderConfirmed"),
    @JsonSubTypes.Type(value = OrderRejected.class, name = "OrderRejected"),
    @JsonSubTypes.Type(value = OrderCancelled.class, name = "OrderCancelled"),
    @JsonSubTypes.Type(value = OrderStatusChanged.class, name = "OrderStatusChanged")
})
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface Event permits UserEvent, SagaEvent {

    UUID eventId();

    Instant occurredAt();

    /** The saga's correlation id; for an order it is set by the gateway and copied by every hop. */
    String correlationId();

    /**
     * The version of this event's schema, {@code MAJOR.MINOR} from its record's {@link EventVersion};
     * written into every event (and its {@link EventHeaders#SCHEMA_VERSION} header), never read from
     * the JSON into the record: consumers check it before the record is built.
     */
    @JsonProperty(value = "schema_version", access = JsonProperty.Access.READ_ONLY)
    default String schemaVersion() {
        return EventVersions.current(getClass()).toString();
    }

    /** The wire name of this event, also sent in the {@link EventHeaders#TYPE} header. */
    default String type() {
        return getClass().getSimpleName();
    }

    /** The record key: events about one order (or one user) stay in order on one partition. */
    String key();

    /** The topic this event is published on. */
    default String topic() {
        return Topics.topicOf(this);
    }
}
