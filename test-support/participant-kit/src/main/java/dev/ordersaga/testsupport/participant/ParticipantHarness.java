package dev.ordersaga.testsupport.participant;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.Topics;
import dev.ordersaga.saga.KafkaSettings;
import dev.ordersaga.saga.SagaParticipant;
import dev.ordersaga.saga.SagaRuntime;
import dev.ordersaga.saga.SagaRuntimeHealth;
import dev.ordersaga.saga.SagaStep;
import dev.ordersaga.support.tracing.SagaTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.SendResult;

/**
 * Runs one saga participant through the real {@link SagaRuntime} (load, apply, guarded store,
 * conflict rounds, retries, dead-lettering) with the broker replaced by a recorder: given events,
 * expect the events it publishes and the state it keeps.
 *
 * <pre>{@code
 * var saga = ParticipantHarness.of(steps);          // steps: the participant's SagaParticipant bean
 * List<Event> said = saga.deliver(stockReserved);   // one poll with one record
 * assertThat(said).singleElement().isInstanceOf(PaymentCompleted.class);
 * assertThat(saga.state(orderId)).extracting(Payment::status).isEqualTo(CAPTURED);
 * }</pre>
 *
 * Each call is one poll; {@link #deliverTogether} puts several records in one poll (one load, one
 * bulk write). A harness is safe to use from several threads at once (each call its own batch), so
 * tests can race deliveries of one order against the real store. Records that the runtime sends to
 * the DLT are kept in {@link #deadLettered()}; the keys whose state the runtime read (not kept in memory:
 * {@link #of(SagaParticipant, int)}) in {@link #read()}, those
 * whose write the store refused in {@link #refused()}.
 *
 * @param <S> the participant's state per order
 */
public final class ParticipantHarness<S> {

    /** One retry per failed record, no pauses: the runtime's policy, fast. */
    static final KafkaSettings SETTINGS = new KafkaSettings(
            3,
            (short) 1,
            1,
            Duration.ZERO,
            Duration.ofSeconds(5),
            Duration.ZERO,
            1,
            Duration.ofSeconds(1),
            Duration.ofSeconds(6),
            Duration.ofSeconds(1));

    private final SagaParticipant<S> participant;
    private final SagaRuntime<S> runtime;
    private final List<Event> published = new ArrayList<>();
    private final List<ConsumerRecord<?, ?>> deadLettered = new ArrayList<>();
    private final List<String> read = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private final AtomicLong offsets = new AtomicLong();
    private final ThreadLocal<List<Event>> current = ThreadLocal.withInitial(ArrayList::new);

    private ParticipantHarness(SagaParticipant<S> participant, int cachedStates) {
        this.participant = participant;
        @SuppressWarnings("unchecked")
        KafkaTemplate<Object, Object> broker = mock(KafkaTemplate.class);
        when(broker.send(any(ProducerRecord.class))).thenAnswer(call -> {
            Event event = (Event) call.<ProducerRecord<?, ?>>getArgument(0).value();
            current.get().add(event);
            synchronized (published) {
                published.add(event);
            }
            return CompletableFuture.completedFuture(mock(SendResult.class));
        });
        DeadLetterPublishingRecoverer dlt = mock(DeadLetterPublishingRecoverer.class);
        doAnswer(call -> {
                    synchronized (deadLettered) {
                        deadLettered.add(call.getArgument(0));
                    }
                    return null;
                })
                .when(dlt)
                .accept(any(), any());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        this.runtime = new SagaRuntime<>(
                "participant-under-test",
                new Observed(),
                cachedStates,
                broker,
                dlt,
                SETTINGS,
                new SagaRuntimeHealth(meters, Clock.systemUTC()),
                meters,
                SagaTracing.none());
    }

    /** A harness for this participant (its steps bean, wired to a real store). */
    public static <S> ParticipantHarness<S> of(SagaParticipant<S> participant) {
        return new ParticipantHarness<>(participant, 0);
    }

    /**
     * A harness whose runtime keeps up to {@code cachedStates} states in memory between polls, as
     * {@code saga.runtime.cache-states} does (every record is on partition 0, never revoked); 0 loads
     * every poll's states, as {@link #of(SagaParticipant)}.
     */
    public static <S> ParticipantHarness<S> of(SagaParticipant<S> participant, int cachedStates) {
        return new ParticipantHarness<>(participant, cachedStates);
    }

    /** Delivers the events one poll each, in order; returns what the participant published for them. */
    public List<Event> deliver(Event... events) {
        List<Event> said = new ArrayList<>();
        for (Event event : events) {
            said.addAll(deliverTogether(List.of(event)));
        }
        return said;
    }

    /** Delivers the events in one poll (one load, one bulk write); returns what was published for it. */
    public List<Event> deliverTogether(List<? extends Event> events) {
        current.get().clear();
        List<ConsumerRecord<String, Event>> batch = new ArrayList<>();
        for (Event event : events) {
            batch.add(new ConsumerRecord<>(Topics.topicOf(event), 0, offsets.incrementAndGet(), event.key(), event));
        }
        runtime.process(batch);
        List<Event> said = List.copyOf(current.get());
        current.get().clear();
        return said;
    }

    /** Delivers one event and returns the single event published for it (fails if there is not exactly one). */
    @SuppressWarnings("unchecked")
    public <E extends Event> E answer(Event event) {
        List<Event> said = deliver(event);
        if (said.size() != 1) {
            throw new AssertionError("expected one event for " + event.type() + ", got " + said);
        }
        return (E) said.getFirst();
    }

    /** The stored state of one key, read the way the runtime reads it (null if there is none). */
    public S state(String key, Event... about) {
        return participant.load(Map.of(key, Arrays.asList(about))).get(key);
    }

    /** Everything published through this harness so far, in order. */
    public List<Event> published() {
        synchronized (published) {
            return List.copyOf(published);
        }
    }

    /** The records the runtime sent to the DLT through this harness. */
    public List<ConsumerRecord<?, ?>> deadLettered() {
        synchronized (deadLettered) {
            return List.copyOf(deadLettered);
        }
    }

    /** The keys whose stored state the runtime read through this harness, once per read (not {@link #state}). */
    public List<String> read() {
        synchronized (read) {
            return List.copyOf(read);
        }
    }

    /** The keys whose write the participant's store refused (returned as stale), once per refusal. */
    public List<String> refused() {
        synchronized (refused) {
            return List.copyOf(refused);
        }
    }

    /** The participant as the runtime sees it: itself, noting which keys are read and which writes refused. */
    private final class Observed implements SagaParticipant<S> {

        @Override
        public Set<Class<? extends Event>> handledTypes() {
            return participant.handledTypes();
        }

        @Override
        public boolean handles(Event event) {
            return participant.handles(event);
        }

        @Override
        public boolean startsState(Event event) {
            return participant.startsState(event);
        }

        @Override
        public Map<String, S> load(Map<String, List<Event>> eventsByKey) {
            return load(eventsByKey, Set.of());
        }

        @Override
        public Map<String, S> load(Map<String, List<Event>> eventsByKey, Set<String> unread) {
            synchronized (read) {
                eventsByKey.keySet().stream()
                        .filter(key -> !unread.contains(key))
                        .forEach(read::add);
            }
            return participant.load(eventsByKey, unread);
        }

        @Override
        public Map<String, S> load(Map<String, List<Event>> eventsByKey, Set<String> unread, Map<String, S> kept) {
            synchronized (read) {
                eventsByKey.keySet().stream()
                        .filter(key -> !unread.contains(key) && !kept.containsKey(key))
                        .forEach(read::add);
            }
            return participant.load(eventsByKey, unread, kept);
        }

        @Override
        public SagaStep<S> apply(Event event, S state) {
            return participant.apply(event, state);
        }

        @Override
        public Set<String> store(Map<String, S> changed) {
            Set<String> stale = participant.store(changed);
            synchronized (refused) {
                refused.addAll(stale);
            }
            return stale;
        }
    }
}
