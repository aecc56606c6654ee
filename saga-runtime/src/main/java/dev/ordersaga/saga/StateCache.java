package dev.ordersaga.saga;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * The states a caching runtime keeps in memory, per owned partition number (co-partitioned topics
 * keyed by order id put every event of one order on the same consumer thread). Dropped when the
 * partition is revoked or lost, and per key when anything about its batch failed. A runtime that
 * does not cache has a disabled cache: every method passes through or does nothing.
 */
final class StateCache<S> {

    private final boolean enabled;
    private final Map<Integer, Map<String, S>> byPartition = new ConcurrentHashMap<>();

    StateCache(boolean enabled) {
        this.enabled = enabled;
    }

    /** The states of the batch's keys: cached ones from memory, the others from {@code load} in one go. */
    Map<String, S> load(Batch batch, Function<Set<String>, Map<String, S>> load) {
        if (!enabled) {
            return load.apply(batch.keys());
        }
        Map<String, S> found = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String key : batch.keys()) {
            Map<String, S> partition = byPartition.get(batch.partitionOf(key));
            S cached = partition == null ? null : partition.get(key);
            if (cached == null) {
                missing.add(key);
            } else {
                found.put(key, cached);
            }
        }
        if (!missing.isEmpty()) {
            found.putAll(load.apply(missing));
        }
        return found;
    }

    /** Keeps the states a batch ended with (as stored). */
    void keep(Batch batch, Map<String, S> states) {
        if (enabled) {
            states.forEach((key, state) -> byPartition
                    .computeIfAbsent(batch.partitionOf(key), p -> new ConcurrentHashMap<>())
                    .put(key, state));
        }
    }

    void forget(Batch batch) {
        batch.keys().forEach(key -> forget(batch, key));
    }

    void forget(Batch batch, String key) {
        if (enabled && batch.records(key) != null) {
            Map<String, S> partition = byPartition.get(batch.partitionOf(key));
            if (partition != null) {
                partition.remove(key);
            }
        }
    }

    int size(int partition) {
        Map<String, S> states = byPartition.get(partition);
        return states == null ? 0 : states.size();
    }

    void drop(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> byPartition.remove(tp.partition()));
    }

    /** Drops the cached states of the partitions this consumer no longer owns. */
    ConsumerAwareRebalanceListener rebalanceListener() {
        return new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsRevokedBeforeCommit(
                    Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                drop(partitions);
            }

            @Override
            public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                drop(partitions);
            }
        };
    }
}
