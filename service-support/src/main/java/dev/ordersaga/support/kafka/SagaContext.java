package dev.ordersaga.support.kafka;

import org.slf4j.MDC;

/**
 * What the record being handled on this thread says about its saga: the trace it belongs to.
 * Set by {@link SagaRecordInterceptor} for listener threads; the publisher continues that trace.
 * The correlation id and order id travel in the events themselves and are only mirrored into the
 * logging context ({@code MDC}) here.
 */
public final class SagaContext {

    public static final String MDC_ORDER_ID = "order_id";
    public static final String MDC_CORRELATION_ID = "correlation_id";
    public static final String MDC_EVENT_TYPE = "event_type";
    public static final String MDC_TRACE_ID = "trace_id";

    private static final ThreadLocal<TraceParent> CURRENT = new ThreadLocal<>();

    private SagaContext() {}

    static void enter(TraceParent trace, String orderId, String correlationId, String eventType) {
        CURRENT.set(trace);
        putOrRemove(MDC_TRACE_ID, trace.traceId());
        putOrRemove(MDC_ORDER_ID, orderId);
        putOrRemove(MDC_CORRELATION_ID, correlationId);
        putOrRemove(MDC_EVENT_TYPE, eventType);
    }

    static void leave() {
        CURRENT.remove();
        MDC.remove(MDC_TRACE_ID);
        MDC.remove(MDC_ORDER_ID);
        MDC.remove(MDC_CORRELATION_ID);
        MDC.remove(MDC_EVENT_TYPE);
    }

    /** The trace of the record being handled, or a new one outside a listener. */
    static TraceParent traceForNextHop() {
        TraceParent current = CURRENT.get();
        return current == null ? TraceParent.newRoot() : current.child();
    }

    private static void putOrRemove(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
