package dev.ordersaga.support.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

/**
 * The saga's use of Micrometer Tracing, for the places the libraries do not cover by themselves.
 * HTTP, Kafka templates, record listeners and MongoDB commands are observed by Spring; a batch
 * listener is not (Spring Kafka cannot tell which record a batch's work belongs to), so the saga
 * runtime observes each record itself with Spring Kafka's own listener observation, and the
 * order-service sweep continues an order's stored trace when it decides or re-publishes.
 *
 * <p>The order id rides along as baggage ({@value #ORDER_ID}): every span of the saga carries it,
 * and every log line written in one of its spans shows it next to the trace id.
 */
public class SagaTracing {

    /** Baggage and log field with the order id. */
    public static final String ORDER_ID = "order_id";

    /** The W3C header a stored trace context is kept in. */
    public static final String TRACEPARENT = "traceparent";

    private final ObservationRegistry observations;
    private final Tracer tracer;
    private final Propagator propagator;

    public SagaTracing(ObservationRegistry observations, Tracer tracer, Propagator propagator) {
        this.observations = observations;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** No tracing at all (unit tests, a service without a tracer). */
    public static SagaTracing none() {
        return new SagaTracing(ObservationRegistry.NOOP, Tracer.NOOP, Propagator.NOOP);
    }

    public ObservationRegistry observations() {
        return observations;
    }

    /**
     * Starts the observation of one consumed record, as Spring Kafka's listener container would:
     * the span continues the trace the record's headers carry, and the listener timer
     * ({@code spring.kafka.listener}) counts it under {@code listenerId}.
     */
    public Observation received(ConsumerRecord<?, ?> record, String listenerId) {
        String group = KafkaUtils.getConsumerGroupId();
        return KafkaListenerObservation.LISTENER_OBSERVATION
                .observation(
                        null,
                        KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                        () -> new KafkaRecordReceiverContext(record, listenerId, null, group, () -> null),
                        observations)
                .start();
    }

    /**
     * Runs {@code work} in the scope of {@code observation} (its span is current: sends continue
     * its trace, log lines carry its ids), with {@code orderId} as baggage unless the trace
     * already carries one.
     */
    public <T> T inScope(Observation observation, String orderId, Supplier<T> work) {
        try (Observation.Scope scope = observation.openScope();
                BaggageInScope baggage = orderBaggage(orderId)) {
            return work.get();
        }
    }

    /**
     * Runs {@code work} with {@code orderId} as baggage of the current span: what is sent from
     * {@code work} carries the order id to every later step of the saga.
     */
    public <T> T withOrderId(String orderId, Supplier<T> work) {
        try (BaggageInScope baggage = orderBaggage(orderId)) {
            return work.get();
        }
    }

    /**
     * Runs {@code work} as a span of the trace {@code traceparent} names (a context stored with
     * the order), or of a new trace if there is none: what the order-service sweep does for an
     * order whose own events are long gone.
     */
    public <T> T continueTrace(String traceparent, String name, String orderId, Supplier<T> work) {
        Map<String, String> carrier = new HashMap<>();
        if (traceparent != null) {
            carrier.put(TRACEPARENT, traceparent);
        }
        Observation observation = Observation.createNotStarted(
                        name,
                        () -> {
                            var context = new ReceiverContext<Map<String, String>>((c, key) -> c.get(key));
                            context.setCarrier(carrier);
                            return context;
                        },
                        observations)
                .contextualName(name)
                .lowCardinalityKeyValue("saga.step", name)
                .start();
        try {
            return inScope(observation, orderId, work);
        } catch (RuntimeException e) {
            observation.error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }

    /** The trace id of the current span, or null outside one (or when not sampled at all). */
    public String currentTraceId() {
        Span span = tracer.currentSpan();
        return span == null ? null : span.context().traceId();
    }

    /** The current span as a W3C {@code traceparent} value, to store and continue later; or null. */
    public String currentTraceParent() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        TraceContext context = span.context();
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    private BaggageInScope orderBaggage(String orderId) {
        if (orderId == null || tracer.currentSpan() == null) {
            return BaggageInScope.NOOP;
        }
        var carried = tracer.getBaggage(ORDER_ID);
        if (carried != null && carried.get() != null) {
            return BaggageInScope.NOOP;
        }
        return tracer.createBaggageInScope(ORDER_ID, orderId);
    }
}
