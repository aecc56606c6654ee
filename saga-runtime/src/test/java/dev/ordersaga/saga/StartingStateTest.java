package dev.ordersaga.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.OrderLine;
import dev.ordersaga.events.StockCommitted;
import dev.ordersaga.events.Topics;
import dev.ordersaga.support.tracing.SagaTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.SendResult;

/**
 * A key whose events all start its state ({@link SagaParticipant#startsState}) is not read; its insert
 * is the guard: a redelivery's insert is refused, the key read and its events applied again, so it
 * says what the stored state says, the same event ids.
 */
class StartingStateTest {

    /**
     * Answers each key once, with an answer of a new random id, stored by an insert that is refused if
     * the key has one (so a redelivery applied to no state would say another id); a stored answer is
     * said again.
     */
    static final class Answers implements SagaParticipant<UUID> {
        /** Whether a step on no state writes nothing (and says a new answer all the same). */
        boolean writesNothingOnNone;
        /** Events that do not start their key's state. */
        final Set<UUID> continuing = new LinkedHashSet<>();
        /** The answer stored per key. */
        final Map<String, UUID> stored = new HashMap<>();
        /** The keys of each read, and of each store the keys it refused. */
        final List<Set<String>> loads = new ArrayList<>();

        final List<Set<String>> refused = new ArrayList<>();

        @Override
        public Map<String, UUID> load(Map<String, List<Event>> eventsByKey) {
            loads.add(Set.copyOf(eventsByKey.keySet()));
            return eventsByKey.keySet().stream()
                    .filter(stored::containsKey)
                    .collect(Collectors.toMap(key -> key, stored::get));
        }

        @Override
        public boolean startsState(Event event) {
            return !continuing.contains(event.eventId());
        }

        @Override
        public SagaStep<UUID> apply(Event event, UUID answer) {
            if (answer != null) {
                return SagaStep.unchanged(answer, List.of(answer(event.key(), answer)));
            }
            UUID decided = UUID.randomUUID();
            return writesNothingOnNone
                    ? SagaStep.unchanged(null, List.of(answer(event.key(), decided)))
                    : SagaStep.changed(decided, List.of(answer(event.key(), decided)));
        }

        @Override
        public Set<String> store(Map<String, UUID> changed) {
            Set<String> stale = new LinkedHashSet<>();
            changed.forEach((key, answer) -> {
                if (stored.putIfAbsent(key, answer) != null) {
                    stale.add(key);
                }
            });
            refused.add(stale);
            return stale;
        }

        private static Event answer(String key, UUID id) {
            return new StockCommitted(id, key, Instant.EPOCH, "c-" + key, List.of(new OrderLine(PRODUCT, 1)));
        }
    }

    private static final String PRODUCT = "6849dd2a5b6717b8055f93a9";

    @SuppressWarnings("unchecked")
    final KafkaTemplate<Object, Object> template = mock(KafkaTemplate.class);

    final List<Event> said = new ArrayList<>();
    final Answers participant = new Answers();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    long offset;

    @BeforeEach
    void recordEverySend() {
        when(template.send(any(ProducerRecord.class))).thenAnswer(call -> {
            said.add((Event) call.<ProducerRecord<?, ?>>getArgument(0).value());
            return CompletableFuture.completedFuture(mock(SendResult.class));
        });
    }

    SagaRuntime<UUID> runtime(int cachedStates) {
        return new SagaRuntime<>(
                "test",
                participant,
                cachedStates,
                template,
                mock(DeadLetterPublishingRecoverer.class),
                SagaRuntimeTest.SETTINGS,
                new SagaRuntimeHealth(meters, Clock.systemUTC()),
                meters,
                SagaTracing.none());
    }

    @Test
    void a_key_whose_events_all_start_its_state_is_not_read_and_is_inserted() {
        var runtime = runtime(0);
        Event a = event("a");
        Event b = event("b");

        runtime.process(List.of(record(a), record(b), record(event("b"))));

        assertThat(participant.loads).isEmpty();
        assertThat(participant.stored).containsOnlyKeys("a", "b");
        assertThat(said)
                .extracting(Event::eventId)
                .containsOnly(participant.stored.get("a"), participant.stored.get("b"));
    }

    @Test
    void a_redelivered_starting_event_is_refused_by_its_insert_then_read_and_says_the_stored_answer_again() {
        var runtime = runtime(0);
        Event a = event("a");
        runtime.process(List.of(record(a)));
        UUID first = said.getFirst().eventId();
        said.clear();

        runtime.process(List.of(record(a), record(event("fresh"))));

        // the refused insert is the guard: read once, applied again, the stored answer said with its id
        assertThat(participant.refused).containsExactly(Set.of(), Set.of("a"));
        assertThat(participant.loads).containsExactly(Set.of("a"));
        assertThat(participant.stored).containsEntry("a", first);
        assertThat(said)
                .filteredOn(event -> event.key().equals("a"))
                .extracting(Event::eventId)
                .containsExactly(first);
    }

    @Test
    void a_key_with_an_event_that_does_not_start_its_state_is_read() {
        var runtime = runtime(0);
        Event continuing = event("a");
        participant.continuing.add(continuing.eventId());

        runtime.process(List.of(record(event("a")), record(continuing), record(event("b"))));

        assertThat(participant.loads).containsExactly(Set.of("a"));
    }

    @Test
    void a_key_not_read_whose_steps_write_nothing_is_read_before_anything_is_said() {
        var runtime = runtime(0);
        participant.writesNothingOnNone = true;
        participant.stored.put("a", UUID.randomUUID());

        runtime.process(List.of(record(event("a"))));

        assertThat(participant.loads).containsExactly(Set.of("a"));
        assertThat(said).extracting(Event::eventId).containsExactly(participant.stored.get("a"));
    }

    @Test
    void a_caching_runtime_takes_a_starting_key_it_holds_from_memory() {
        var runtime = runtime(100);
        Event a = event("a");
        runtime.process(List.of(record(a)));

        runtime.process(List.of(record(a)));

        assertThat(participant.loads).isEmpty();
        assertThat(participant.refused).containsExactly(Set.of());
        assertThat(said)
                .extracting(Event::eventId)
                .containsExactly(said.getFirst().eventId(), said.getFirst().eventId());
    }

    private static Event event(String key) {
        return new StockCommitted(
                UUID.randomUUID(), key, Instant.now(), "c-" + key, List.of(new OrderLine(PRODUCT, 1)));
    }

    private ConsumerRecord<String, Event> record(Event event) {
        return new ConsumerRecord<>(Topics.INVENTORY_EVENTS, 0, offset++, event.key(), event);
    }
}
