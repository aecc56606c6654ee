package dev.ordersaga.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import brave.baggage.BaggageField;
import brave.baggage.BaggagePropagation;
import brave.baggage.BaggagePropagationConfig;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import dev.ordersaga.events.Event;
import dev.ordersaga.events.Topics;
import dev.ordersaga.support.tracing.SagaTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.SendResult;

/**
 * The runtime with a real tracer (Brave through Micrometer Tracing, W3C propagation): each record
 * of a batch continues its own trace, and its outcomes are sent in that trace, even when records
 * of several orders (several traces) share one batch.
 */
class SagaRuntimeTracingTest {

    private static final String TRACE_A = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACE_B = "0af7651916cd43dd8448eb211c80319c";
    private static final String PARENT = "00f067aa0ba902b7";

    final List<MutableSpan> finished = new CopyOnWriteArrayList<>();
    final ThreadLocalCurrentTraceContext current =
            ThreadLocalCurrentTraceContext.newBuilder().build();
    final BraveBaggageManager baggage = new BraveBaggageManager(List.of(SagaTracing.ORDER_ID));
    final brave.Tracing tracing = brave.Tracing.newBuilder()
            .currentTraceContext(current)
            .traceId128Bit(true) // as Boot configures it
            // as Boot configures management.tracing.baggage.remote-fields
            .propagationFactory(BaggagePropagation.newFactoryBuilder(new W3CPropagation(baggage, List.of()))
                    .add(BaggagePropagationConfig.SingleBaggageField.remote(BaggageField.create(SagaTracing.ORDER_ID)))
                    .build())
            .addSpanHandler(new SpanHandler() {
                @Override
                public boolean end(brave.propagation.TraceContext context, MutableSpan span, Cause cause) {
                    finished.add(span);
                    return true;
                }
            })
            .build();
    final Tracer tracer = new BraveTracer(tracing.tracer(), new BraveCurrentTraceContext(current), baggage);
    final Propagator propagator = new BravePropagator(tracing);
    final ObservationRegistry observations = ObservationRegistry.create();

    @SuppressWarnings("unchecked")
    final KafkaTemplate<Object, Object> template = mock(KafkaTemplate.class);

    /** What the current span was when each outcome (by key) was sent. */
    final Map<String, String> sentInTrace = new ConcurrentHashMap<>();

    final Map<String, String> orderIdBaggage = new ConcurrentHashMap<>();

    {
        observations
                .observationConfig()
                .observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
                        new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
                        new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                        new DefaultTracingObservationHandler(tracer)));
        when(template.send(any(ProducerRecord.class))).thenAnswer(call -> {
            ProducerRecord<?, ?> sent = call.getArgument(0);
            var span = tracer.currentSpan();
            sentInTrace.put(
                    String.valueOf(sent.key()),
                    span == null ? "none" : span.context().traceId());
            var carried = tracer.getBaggage(SagaTracing.ORDER_ID);
            orderIdBaggage.put(String.valueOf(sent.key()), carried == null ? "none" : String.valueOf(carried.get()));
            return CompletableFuture.completedFuture(mock(SendResult.class));
        });
    }

    @AfterEach
    void close() {
        tracing.close();
    }

    @Test
    void each_record_of_a_batch_continues_its_own_trace_and_its_outcomes_are_sent_in_it() {
        var participant = new SagaRuntimeTest.Counting();
        var meters = new SimpleMeterRegistry();
        var runtime = new SagaRuntime<>(
                "inventory-service",
                participant,
                0,
                template,
                mock(DeadLetterPublishingRecoverer.class),
                SagaRuntimeTest.SETTINGS,
                new SagaRuntimeHealth(meters, Clock.systemUTC()),
                meters,
                new SagaTracing(observations, tracer, propagator));

        runtime.process(List.of(traced("order-a", TRACE_A), traced("order-b", TRACE_B), record("order-c")));

        assertThat(sentInTrace)
                .containsEntry("order-a", TRACE_A)
                .containsEntry("order-b", TRACE_B)
                .hasEntrySatisfying("order-c", trace -> assertThat(trace).matches("[0-9a-f]{32}"));
        assertThat(sentInTrace.get("order-c")).isNotIn(TRACE_A, TRACE_B);
        // the order id rides along as baggage where the trace did not bring one
        assertThat(orderIdBaggage).containsEntry("order-a", "order-a").containsEntry("order-c", "order-c");
        // one consumer span per record, a child of the span that sent it
        assertThat(finished)
                .filteredOn(span -> span.kind() == brave.Span.Kind.CONSUMER)
                .extracting(MutableSpan::traceId)
                .contains(TRACE_A, TRACE_B)
                .hasSize(3);
        assertThat(finished)
                .filteredOn(span -> TRACE_A.equals(span.traceId()) && span.kind() == brave.Span.Kind.CONSUMER)
                .singleElement()
                .satisfies(span -> {
                    assertThat(span.parentId()).isEqualTo(PARENT);
                    assertThat(span.name()).isEqualTo(Topics.INVENTORY_EVENTS + " process");
                });
    }

    private long offset;

    private ConsumerRecord<String, Event> traced(String key, String traceId) {
        var record = record(key);
        record.headers().add("traceparent", ("00-" + traceId + "-" + PARENT + "-01").getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private ConsumerRecord<String, Event> record(String key) {
        return SagaRuntimeTest.committed(0, offset++, key);
    }
}
