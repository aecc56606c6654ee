package dev.ordersaga.events;

/** Kafka header names carried by every event record. */
public final class EventHeaders {

    /** The event's wire name, e.g. {@code StockReserved}; the same value as the JSON {@code type}. */
    public static final String TYPE = "event_type";

    /** The saga's correlation id, copied from the record being handled to every record it causes. */
    public static final String CORRELATION_ID = "correlation_id";

    /** The event's schema version, {@code MAJOR.MINOR}; the same value as the JSON {@code schema_version}. */
    public static final String SCHEMA_VERSION = "schema_version";

    /**
     * The gateway instance waiting for the order (its reply group id), set on {@code OrderRequested}
     * and copied by every saga step onto what it causes, so order-service's {@code OrderStatusChanged}
     * carries it too: each gateway instance drops the replies meant for another instance by this
     * header, before reading them. Optional: a reply without it is for every instance.
     */
    public static final String REPLY_TO = "reply_to";

    /** The W3C trace context; written and read by the tracing library, named here for the AsyncAPI document. */
    public static final String TRACEPARENT = "traceparent";

    /** W3C baggage (the order id travels in it); written and read by the tracing library. */
    public static final String BAGGAGE = "baggage";

    private EventHeaders() {}
}
