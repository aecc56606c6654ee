package dev.ordersaga.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.OrderLine;
import dev.ordersaga.events.StockCommitted;
import dev.ordersaga.events.Topics;
import dev.ordersaga.support.tracing.SagaTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.SendResult;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/** The runtime's mechanics with a participant that keeps its states in a map: no broker, no store. */
class SagaRuntimeTest {

    /** Counts the events per key; its outcome repeats the event back. */
    static final class Counting implements SagaParticipant<Integer> {
        final Map<String, Integer> stored = new HashMap<>();
        final List<Set<String>> loads = new ArrayList<>();
        final List<Map<String, Integer>> stores = new ArrayList<>();
        final Set<String> failingKeys = new LinkedHashSet<>();
        final Set<String> staleOnce = new LinkedHashSet<>();
        final Set<String> ignoredKeys = new LinkedHashSet<>();
        RuntimeException storeFailure;

        @Override
        public boolean handles(Event event) {
            return !ignoredKeys.contains(event.key());
        }

        @Override
        public Map<String, Integer> load(Map<String, List<Event>> eventsByKey) {
            loads.add(Set.copyOf(eventsByKey.keySet()));
            Map<String, Integer> found = new HashMap<>();
            eventsByKey.keySet().forEach(key -> {
                if (stored.containsKey(key)) {
                    found.put(key, stored.get(key));
                }
            });
            return found;
        }

        @Override
        public SagaStep<Integer> apply(Event event, Integer state) {
            if (failingKeys.contains(event.key())) {
                throw new IllegalStateException("cannot handle " + event.key());
            }
            return SagaStep.changed(state == null ? 1 : state + 1, List.of(event));
        }

        @Override
        public Set<String> store(Map<String, Integer> changed) {
            if (storeFailure != null) {
                throw storeFailure;
            }
            stores.add(Map.copyOf(changed));
            Set<String> stale = new LinkedHashSet<>();
            changed.forEach((key, value) -> {
                if (staleOnce.remove(key)) {
                    stored.merge(key, 10, Integer::sum); // another writer got there first
                    stale.add(key);
                } else {
                    stored.put(key, value);
                }
            });
            return stale;
        }
    }

    @SuppressWarnings("unchecked")
    final KafkaTemplate<Object, Object> template = mock(KafkaTemplate.class);

    final DeadLetterPublishingRecoverer deadLetters = mock(DeadLetterPublishingRecoverer.class);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final SagaRuntimeHealth health = new SagaRuntimeHealth(meters, Clock.systemUTC());
    /** The settings of every runtime under test here and in {@code SagaRuntimeTracingTest}. */
    static final KafkaSettings SETTINGS = new KafkaSettings(
            3,
            (short) 1,
            2,
            Duration.ofMillis(1),
            Duration.ofSeconds(1),
            Duration.ZERO,
            1,
            Duration.ofSeconds(1),
            Duration.ofSeconds(6),
            Duration.ofSeconds(1));

    final Counting participant = new Counting();
    long offset;

    @BeforeEach
    void acknowledgeEverySend() {
        when(template.send(any(ProducerRecord.class)))
                .thenAnswer(call -> CompletableFuture.completedFuture(mock(SendResult.class)));
    }

    /** More states than any test here caches: only the bound test below evicts. */
    static final int CACHE_BOUND = 5_000;

    SagaRuntime<Integer> runtime(boolean caching) {
        return new SagaRuntime<>(
                "test",
                participant,
                caching ? CACHE_BOUND : 0,
                template,
                deadLetters,
                SETTINGS,
                health,
                meters,
                SagaTracing.none());
    }

    @Test
    void a_batch_is_loaded_once_stored_once_and_every_outcome_is_sent() {
        var runtime = runtime(false);

        runtime.process(List.of(record(0, "a"), record(1, "b"), record(0, "a"), record(2, "c")));

        assertThat(participant.loads).containsExactly(Set.of("a", "b", "c"));
        assertThat(participant.stores).containsExactly(Map.of("a", 2, "b", 1, "c", 1));
        verify(template, times(4)).send(any(ProducerRecord.class));
        verify(deadLetters, never()).accept(any(), any());
    }

    @Test
    void events_the_participant_does_not_act_on_cost_nothing() {
        var runtime = runtime(false);
        participant.ignoredKeys.add("b");

        runtime.process(List.of(record(0, "a"), record(1, "b")));

        assertThat(participant.loads).containsExactly(Set.of("a"));
        assertThat(participant.stored).containsOnlyKeys("a");
    }

    @Test
    void an_unreadable_record_in_the_middle_goes_to_the_dlt_at_once_and_the_rest_of_the_batch_is_handled() {
        var runtime = runtime(false);
        var poison = unreadable(0, "a");

        runtime.process(List.of(record(0, "a"), poison, record(0, "a"), record(1, "b")));

        verify(deadLetters, times(1)).accept(eq(poison), any(Exception.class));
        assertThat(participant.stored).containsEntry("a", 2).containsEntry("b", 1);
    }

    @Test
    void a_record_that_keeps_failing_is_retried_a_bounded_number_of_times_then_dead_lettered_alone() {
        var runtime = runtime(false);
        participant.failingKeys.add("bad");
        var bad = record(0, "bad");

        runtime.process(List.of(record(0, "a"), bad, record(1, "b")));

        verify(deadLetters, times(1)).accept(eq(bad), any(IllegalStateException.class));
        assertThat(participant.stored).containsOnlyKeys("a", "b");
        // the first try and SETTINGS.retryAttempts() retries, each from a fresh load of the key
        assertThat(participant.loads)
                .filteredOn(keys -> keys.equals(Set.of("bad")))
                .hasSize(2);
    }

    @Test
    void an_outage_of_the_store_is_thrown_for_the_container_to_retry_never_dead_lettered_and_shows_in_health() {
        var runtime = runtime(false);
        participant.storeFailure = new DataAccessResourceFailureException("store unreachable");

        assertThatThrownBy(() -> runtime.process(List.of(record(0, "a"))))
                .isInstanceOf(DataAccessResourceFailureException.class);
        verify(deadLetters, never()).accept(any(), any());
        verify(template, never()).send(any(ProducerRecord.class));
        assertThat(health.degraded()).isTrue();
        assertThat(meters.counter("saga.runtime.outages").count()).isEqualTo(1);

        participant.storeFailure = null;
        runtime.process(List.of(record(0, "a")));
        assertThat(health.degraded()).isFalse();
        assertThat(participant.stored).containsEntry("a", 1);
    }

    @Test
    void a_broker_that_does_not_acknowledge_is_an_outage_too() {
        var runtime = runtime(false);
        when(template.send(any(ProducerRecord.class))).thenReturn(new CompletableFuture<>());

        assertThatThrownBy(() -> runtime.process(List.of(record(0, "a"))))
                .satisfies(e -> assertThat(Infrastructure.isOutage(e)).isTrue());
        verify(deadLetters, never()).accept(any(), any());
    }

    @Test
    void a_key_written_meanwhile_by_someone_else_is_reloaded_and_its_events_applied_again() {
        var runtime = runtime(false);
        participant.staleOnce.add("a");

        runtime.process(List.of(record(0, "a"), record(1, "b")));

        // the other writer left 10; the event is applied on top of what it wrote
        assertThat(participant.stored).containsEntry("a", 11).containsEntry("b", 1);
        assertThat(participant.loads).containsExactly(Set.of("a", "b"), Set.of("a"));
    }

    @Test
    void a_caching_runtime_keeps_at_most_its_bound_and_loads_an_evicted_key_again() {
        var runtime = new SagaRuntime<>(
                "test", participant, 3, template, deadLetters, SETTINGS, health, meters, SagaTracing.none());
        for (int i = 0; i < 20; i++) {
            runtime.process(List.of(record(i % 6, "k" + i)));
        }

        // 20 orders went through: memory holds the bound, not the history
        assertThat(runtime.cachedStates()).isEqualTo(3);
        assertThat(participant.loads).hasSize(20);

        // a second event for each: the evicted ones (whichever the policy chose: at least 17) are
        // loaded again, and every step goes on from the state as stored
        for (int i = 0; i < 20; i++) {
            runtime.process(List.of(record(i % 6, "k" + i)));
        }
        assertThat(participant.loads.size() - 20).isBetween(17, 20);
        for (int i = 0; i < 20; i++) {
            assertThat(participant.stored).containsEntry("k" + i, 2);
        }
        assertThat(runtime.cachedStates()).isEqualTo(3);
    }

    @Test
    void a_caching_runtime_reads_a_key_once_and_forgets_the_partitions_it_loses() {
        var runtime = runtime(true);
        runtime.process(List.of(record(0, "a"), record(1, "b")));
        runtime.process(List.of(record(0, "a"), record(1, "b")));

        assertThat(participant.loads).containsExactly(Set.of("a", "b"));
        assertThat(runtime.cachedStates(0)).isEqualTo(1);
        assertThat(runtime.cachedStates(1)).isEqualTo(1);

        // partition 0 of every co-partitioned topic moves to another consumer
        runtime.rebalanceListener()
                .onPartitionsRevokedBeforeCommit(null, List.of(new TopicPartition(Topics.INVENTORY_EVENTS, 0)));

        assertThat(runtime.cachedStates(0)).isZero();
        assertThat(runtime.cachedStates(1)).isEqualTo(1);
        runtime.process(List.of(record(0, "a"), record(1, "b")));
        assertThat(participant.loads).containsExactly(Set.of("a", "b"), Set.of("a"));
        assertThat(participant.stored).containsEntry("a", 3).containsEntry("b", 3);
    }

    @Test
    void loading_or_caching_is_a_setting() {
        var caching = runtimes(true).of("test", participant);
        var loading = runtimes(false).of("test", participant);
        caching.process(List.of(record(0, "a")));
        loading.process(List.of(record(0, "b")));

        assertThat(caching.cachedStates(0)).isEqualTo(1);
        assertThat(loading.cachedStates(0)).isZero();
    }

    @Test
    void the_rebalance_listener_every_container_gets_drops_the_lost_partitions_of_every_caching_runtime() {
        var runtimes = runtimes(true);
        var runtime = runtimes.of("test", participant);
        runtime.process(List.of(record(0, "a"), record(1, "b")));

        runtimes.rebalanceListener().onPartitionsLost(null, List.of(new TopicPartition(Topics.ORDER_REQUESTS, 1)));

        assertThat(runtime.cachedStates(0)).isEqualTo(1);
        assertThat(runtime.cachedStates(1)).isZero();
    }

    private SagaRuntimes runtimes(boolean cacheStates) {
        return new SagaRuntimes(
                template,
                deadLetters,
                SETTINGS,
                new SagaRuntimeSettings(cacheStates, 5000),
                health,
                meters,
                SagaTracing.none());
    }

    @Test
    void a_cached_state_is_dropped_when_its_batch_fails() {
        var runtime = runtime(true);
        runtime.process(List.of(record(0, "a")));
        participant.storeFailure = new DataAccessResourceFailureException("store unreachable");

        assertThatThrownBy(() -> runtime.process(List.of(record(0, "a"))));

        assertThat(runtime.cachedStates(0)).isZero();
    }

    private ConsumerRecord<String, Event> record(int partition, String key) {
        return committed(partition, offset++, key);
    }

    /**
     * A {@code StockCommitted} of order {@code key} at that place of the inventory topic (the records
     * of {@code SagaRuntimeTracingTest} too).
     */
    static ConsumerRecord<String, Event> committed(int partition, long offset, String key) {
        Event event = new StockCommitted(
                UUID.randomUUID(),
                key,
                Instant.now(),
                "c-" + key,
                List.of(new OrderLine("6849dd2a5b6717b8055f93a9", 1)));
        return new ConsumerRecord<>(Topics.INVENTORY_EVENTS, partition, offset, key, event);
    }

    private ConsumerRecord<String, Event> unreadable(int partition, String key) {
        var record = new ConsumerRecord<String, Event>(Topics.INVENTORY_EVENTS, partition, offset++, key, null);
        var failure =
                new DeserializationException("not JSON", "{oops".getBytes(), false, new RuntimeException("parse"));
        record.headers().add(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, serialize(failure));
        return record;
    }

    private static byte[] serialize(Object value) {
        try (var bytes = new java.io.ByteArrayOutputStream();
                var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(value);
            out.flush();
            return bytes.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
