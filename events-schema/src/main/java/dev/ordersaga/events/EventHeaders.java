package dev.ordersaga.events;

/** Kafka header names carried by every event record. */
public final class EventHeaders {

    /** The event's wire name, e.g. {@code StockReserved}; the same value as the JSON {@code type}. */
    public static final String TYPE = "event_type";

    /** The saga's correlation id, copied from the record being handled to every record it causes. */
    public static final String CORRELATION_ID = "correlation_id";

    // The W3C trace context (traceparent, baggage) is written and read by the tracing library.

    private EventHeaders() {}
}
