package dev.ordersaga.saga;

import dev.ordersaga.events.Event;
import dev.ordersaga.support.tracing.SagaTracing;
import io.micrometer.observation.Observation;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The records of one poll that a participant acts on, grouped by key in arrival order, each with
 * the observation (span) it is handled in. Records that cannot be handled at all are not in it.
 */
final class Batch {

    private final Map<String, List<ConsumerRecord<String, Event>>> byKey = new LinkedHashMap<>();
    private final Map<ConsumerRecord<?, ?>, Observation> traced = new IdentityHashMap<>();
    private final SagaTracing tracing;

    Batch(SagaTracing tracing) {
        this.tracing = tracing;
    }

    void add(ConsumerRecord<String, Event> record) {
        byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record);
    }

    boolean isEmpty() {
        return byKey.isEmpty();
    }

    Set<String> keys() {
        return byKey.keySet();
    }

    List<ConsumerRecord<String, Event>> records(String key) {
        return byKey.get(key);
    }

    /** Co-partitioned topics: a key's records all come from the same partition number. */
    int partitionOf(String key) {
        return byKey.get(key).getFirst().partition();
    }

    /** The keys among these whose every event in this batch passes the test. */
    Set<String> keysWhoseEventsAll(Set<String> keys, Predicate<Event> test) {
        Set<String> passing = new LinkedHashSet<>();
        for (String key : keys) {
            if (byKey.get(key).stream().allMatch(record -> test.test(record.value()))) {
                passing.add(key);
            }
        }
        return passing;
    }

    /** The events of these keys, in arrival order per key: what the participant loads states for. */
    Map<String, List<Event>> eventsOf(Set<String> keys) {
        Map<String, List<Event>> events = new LinkedHashMap<>();
        for (String key : keys) {
            events.put(key, byKey.get(key).stream().map(ConsumerRecord::value).toList());
        }
        return events;
    }

    /** Starts the observation of every record (a span continuing the trace of its headers). */
    void observe(String listenerId) {
        byKey.values()
                .forEach(ofKey -> ofKey.forEach(record -> traced.put(record, tracing.received(record, listenerId))));
    }

    Observation observation(ConsumerRecord<?, ?> record) {
        return traced.get(record);
    }

    /** Runs work for one record in its span, with its key as the order id. */
    <T> T inScope(ConsumerRecord<String, Event> record, Supplier<T> work) {
        return tracing.inScope(traced.get(record), record.key(), work);
    }

    /** Runs work of the whole batch (its load, its bulk write) in the span of its first record. */
    <T> T inBatchScope(Supplier<T> work) {
        return inScope(byKey.values().iterator().next().getFirst(), work);
    }

    void failed(Throwable e) {
        traced.values().forEach(observation -> observation.error(e));
    }

    void stop() {
        traced.values().forEach(Observation::stop);
    }
}
