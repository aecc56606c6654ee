package dev.ordersaga.saga;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * The states a caching runtime keeps in memory, by owned partition number (co-partitioned topics
 * keyed by order id put every event of one order on the same consumer thread). Bounded: at most
 * {@code maxStates} states, Caffeine choosing what to evict by recency and frequency (a state not in memory is simply
 * loaded again, the write guard stays the fence), so memory does not grow with the history. Dropped
 * when the partition is revoked or lost, and per key when anything about its batch failed. A runtime
 * that does not cache has a disabled cache: every method passes through or does nothing.
 */
final class StateCache<S> {

    private record Key(int partition, String key) {}

    /** Null when the cache is disabled. */
    private final Cache<Key, S> states;

    /** @param maxStates the most states kept; 0 disables the cache */
    StateCache(int maxStates) {
        if (maxStates < 0) {
            throw new IllegalArgumentException("the most states cached must be 0 (off) or more, got " + maxStates);
        }
        // Evictions run on the calling (consumer) thread: no background pool, nothing left to race.
        this.states = maxStates == 0
                ? null
                : Caffeine.newBuilder()
                        .maximumSize(maxStates)
                        .executor(Runnable::run)
                        .build();
    }

    /**
     * The states of the batch's keys: {@code load} gets the keys not in memory and the states that
     * are ({@code load} of every key and none when the cache is disabled) and returns every key's.
     */
    Map<String, S> load(Batch batch, BiFunction<Set<String>, Map<String, S>, Map<String, S>> load) {
        if (states == null) {
            return load.apply(batch.keys(), Map.of());
        }
        Map<String, S> kept = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String key : batch.keys()) {
            S cached = states.getIfPresent(new Key(batch.partitionOf(key), key));
            if (cached == null) {
                missing.add(key);
            } else {
                kept.put(key, cached);
            }
        }
        return load.apply(missing, kept);
    }

    /** Keeps the states a batch ended with (as stored). */
    void keep(Batch batch, Map<String, S> kept) {
        if (states != null) {
            kept.forEach((key, state) -> states.put(new Key(batch.partitionOf(key), key), state));
        }
    }

    void forget(Batch batch) {
        batch.keys().forEach(key -> forget(batch, key));
    }

    void forget(Batch batch, String key) {
        if (states != null && batch.records(key) != null) {
            states.invalidate(new Key(batch.partitionOf(key), key));
        }
    }

    /** The states cached for one partition number. */
    int size(int partition) {
        if (states == null) {
            return 0;
        }
        states.cleanUp();
        return (int) states.asMap().keySet().stream()
                .filter(k -> k.partition() == partition)
                .count();
    }

    /** The states cached in all (after pending evictions). */
    long size() {
        if (states == null) {
            return 0;
        }
        states.cleanUp();
        return states.estimatedSize();
    }

    void drop(Collection<TopicPartition> partitions) {
        if (states != null) {
            Set<Integer> numbers =
                    partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
            states.asMap().keySet().removeIf(k -> numbers.contains(k.partition()));
        }
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
