package dev.ordersaga.saga;

import dev.ordersaga.events.Event;
import dev.ordersaga.support.tracing.SagaTracing;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Runs one saga participant over what one poll returned, the shape every participant shares:
 *
 * <ol>
 *   <li>records that cannot be read go to {@code <topic>.DLT} at once; the batch goes on;
 *   <li>the others are grouped by key (arrival order kept per key), the states of all keys are
 *       loaded in one query (or taken from the per-partition cache), and each event is applied to
 *       its key's state by the participant's pure step;
 *   <li>the changed states are stored in one bulk write; keys whose guard failed (written by
 *       someone else meanwhile) are reloaded and their events applied again;
 *   <li>every outcome is sent without waiting, then the runtime waits once for all acks and
 *       returns: only then does the container commit the batch's offsets.
 * </ol>
 *
 * Failure policy: an outage of the store or the broker ({@link Infrastructure#isOutage}) is thrown
 * to the container's error handler, which pauses the consumer and retries the whole batch with a
 * capped exponential back-off until it works (never the DLT); the idempotent steps make the
 * repetition harmless. Any other exception is the record's own: its key's events are tried again
 * a bounded number of times, then the record goes to the DLT and the rest of the batch goes on
 * (the order's deadline finishes it).
 *
 * <p>With {@code cachePerPartition}, states are kept in memory per owned partition (co-partitioned
 * topics keyed by order id put every event of one order on the same consumer thread) and dropped
 * when the partition is revoked; the participant's write guard stays the fence against a zombie
 * owner. A cached state is dropped too when anything about its batch failed.
 *
 * <p>Tracing: each record is observed the way Spring Kafka observes a record listener (a span that
 * continues the trace of the record's headers, and the {@code spring.kafka.listener} timer); its step
 * runs and its outcomes are sent in that span, so each order's trace goes on through this service.
 * A batch's load and bulk write run in the span of its first record.
 */
public class SagaRuntime<S> {

    private static final Logger log = LoggerFactory.getLogger(SagaRuntime.class);
    private static final LogAccessor SPRING_LOG = new LogAccessor(LogFactory.getLog(SagaRuntime.class));
    private static final int CONFLICT_ROUNDS = 10;

    private final String name;
    private final SagaParticipant<S> participant;
    private final KafkaTemplate<Object, Object> template;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final KafkaSettings settings;
    private final SagaRuntimeHealth health;
    private final boolean cachePerPartition;
    private final Map<Integer, Map<String, S>> cache = new ConcurrentHashMap<>();
    private final DistributionSummary batchSizes;
    private final MeterRegistry meters;
    private final SagaTracing tracing;

    public SagaRuntime(
            String name,
            SagaParticipant<S> participant,
            boolean cachePerPartition,
            KafkaTemplate<Object, Object> template,
            DeadLetterPublishingRecoverer deadLetters,
            KafkaSettings settings,
            SagaRuntimeHealth health,
            MeterRegistry meters,
            SagaTracing tracing) {
        this.name = name;
        this.participant = participant;
        this.cachePerPartition = cachePerPartition;
        this.template = template;
        this.deadLetters = deadLetters;
        this.settings = settings;
        this.health = health;
        this.meters = meters;
        this.tracing = tracing;
        this.batchSizes = DistributionSummary.builder("saga.runtime.batch.size")
                .description("Records per batch a participant handled")
                .tag("participant", name)
                .register(meters);
    }

    /** Handles one poll's records; returns once every outcome is on the broker. */
    public void process(List<ConsumerRecord<String, Event>> records) {
        batchSizes.record(records.size());
        Map<String, List<ConsumerRecord<String, Event>>> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, Event> record : records) {
            DeserializationException unreadable = unreadable(record);
            if (unreadable != null || record.value() == null || record.key() == null) {
                deadLetter(
                        record, unreadable != null ? unreadable : new IllegalArgumentException("no key or no value"));
                continue;
            }
            if (participant.handles(record.value())) {
                byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record);
            }
        }
        if (byKey.isEmpty()) {
            health.working();
            return;
        }
        Map<ConsumerRecord<?, ?>, Observation> traced = new IdentityHashMap<>();
        byKey.values().forEach(ofKey -> ofKey.forEach(record -> traced.put(record, tracing.received(record, name))));
        try {
            Map<String, S> states = run(byKey, traced);
            if (cachePerPartition) {
                states.forEach((key, state) -> cache.computeIfAbsent(
                                partitionOf(byKey.get(key)), p -> new ConcurrentHashMap<>())
                        .put(key, state));
            }
            health.working();
        } catch (RuntimeException e) {
            forget(byKey);
            if (Infrastructure.isOutage(e)) {
                health.outage(e);
                log.warn(
                        "{}: store or broker unavailable, the batch of {} records will be retried: {}",
                        name,
                        records.size(),
                        e.toString());
            }
            traced.values().forEach(observation -> observation.error(e));
            throw e;
        } finally {
            traced.values().forEach(Observation::stop);
        }
    }

    private Map<String, S> run(
            Map<String, List<ConsumerRecord<String, Event>>> byKey, Map<ConsumerRecord<?, ?>, Observation> traced) {
        ConsumerRecord<String, Event> first = byKey.values().iterator().next().getFirst();
        Map<String, S> states = new HashMap<>(inBatchScope(traced, first, () -> loadAll(byKey)));
        Map<String, List<Outcome>> outcomes = new LinkedHashMap<>();
        Set<String> pending = new LinkedHashSet<>(byKey.keySet());
        for (int round = 1; !pending.isEmpty(); round++) {
            Map<String, S> changed = new LinkedHashMap<>();
            for (String key : pending) {
                KeyResult<S> result = applyAll(key, byKey, states.get(key), traced);
                if (result == null) {
                    // a record of this key went to the DLT; nothing of the key is written or said
                    states.remove(key);
                    outcomes.remove(key);
                    continue;
                }
                states.put(key, result.state());
                outcomes.put(key, result.outcomes());
                if (result.changed()) {
                    changed.put(key, result.state());
                }
            }
            Set<String> failed = new LinkedHashSet<>();
            Set<String> stale = inBatchScope(traced, first, () -> store(changed, byKey, failed));
            failed.forEach(key -> {
                states.remove(key);
                outcomes.remove(key);
            });
            if (stale.isEmpty()) {
                break;
            }
            if (round == CONFLICT_ROUNDS) {
                throw new IllegalStateException(name + ": keys " + stale + " kept changing under this batch");
            }
            log.debug("{}: {} written meanwhile by someone else; applying their events again", name, stale);
            stale.forEach(key -> forget(key, byKey.get(key)));
            Set<String> reload = stale;
            states.putAll(inBatchScope(traced, first, () -> participant.load(eventsOf(byKey, reload))));
            stale.forEach(key -> {
                if (!states.containsKey(key)) {
                    states.put(key, null);
                }
            });
            pending = stale;
        }
        publishAll(outcomes.values());
        states.values().removeIf(java.util.Objects::isNull);
        return states;
    }

    private record KeyResult<S>(S state, boolean changed, List<Outcome> outcomes) {}

    /** An event to send, with the observation of the record that caused it (the send continues its trace). */
    private record Outcome(Observation cause, String orderId, ProducerRecord<Object, Object> record) {}

    private <T> T inBatchScope(
            Map<ConsumerRecord<?, ?>, Observation> traced,
            ConsumerRecord<String, Event> first,
            java.util.function.Supplier<T> work) {
        return tracing.inScope(traced.get(first), first.key(), work);
    }

    /** Applies a key's events in order; null if one of them failed beyond retrying and was dead-lettered. */
    private KeyResult<S> applyAll(
            String key,
            Map<String, List<ConsumerRecord<String, Event>>> byKey,
            S stored,
            Map<ConsumerRecord<?, ?>, Observation> traced) {
        List<ConsumerRecord<String, Event>> records = byKey.get(key);
        S initial = stored;
        for (int attempt = 1; ; attempt++) {
            S state = initial;
            boolean changed = false;
            List<Outcome> outcomes = new ArrayList<>();
            ConsumerRecord<String, Event> current = null;
            try {
                for (ConsumerRecord<String, Event> record : records) {
                    current = record;
                    Observation observation = traced.get(record);
                    S before = state;
                    SagaStep<S> step =
                            tracing.inScope(observation, key, () -> participant.apply(record.value(), before));
                    state = step.state();
                    changed |= step.changed();
                    step.publish()
                            .forEach(
                                    event -> outcomes.add(new Outcome(observation, key, EventPublisher.record(event))));
                }
                return new KeyResult<>(state, changed, outcomes);
            } catch (RuntimeException e) {
                if (Infrastructure.isOutage(e)) {
                    throw e;
                }
                if (attempt > settings.retryAttempts()) {
                    log.error("{}: {} failed {} times, sending it to the DLT", name, describe(current), attempt, e);
                    traced.get(current).error(e);
                    deadLetter(current, e);
                    return null;
                }
                log.warn("{}: {} failed (attempt {}): {}", name, describe(current), attempt, e.toString());
                // The step may have changed the state object before it failed: start again from the store.
                forget(key, records);
                initial = tracing.inScope(
                        traced.get(records.getFirst()),
                        key,
                        () -> participant.load(eventsOf(byKey, Set.of(key))).get(key));
            }
        }
    }

    /**
     * One bulk write. A write that fails for a reason other than an outage is narrowed down: each
     * key is written alone (with the bounded retries), and a key that still cannot be written has
     * its records dead-lettered and its outcomes dropped ({@code failed}).
     */
    private Set<String> store(
            Map<String, S> changed, Map<String, List<ConsumerRecord<String, Event>>> byKey, Set<String> failed) {
        if (changed.isEmpty()) {
            return Set.of();
        }
        try {
            return participant.store(changed);
        } catch (RuntimeException e) {
            if (Infrastructure.isOutage(e)) {
                throw e;
            }
            log.warn(
                    "{}: a bulk write of {} states failed ({}); writing them one by one",
                    name,
                    changed.size(),
                    e.toString());
        }
        Set<String> stale = new LinkedHashSet<>();
        for (var entry : changed.entrySet()) {
            for (int attempt = 1; ; attempt++) {
                try {
                    stale.addAll(participant.store(Map.of(entry.getKey(), entry.getValue())));
                    break;
                } catch (RuntimeException single) {
                    if (Infrastructure.isOutage(single)) {
                        throw single;
                    }
                    if (attempt > settings.retryAttempts()) {
                        List<ConsumerRecord<String, Event>> records = byKey.get(entry.getKey());
                        log.error(
                                "{}: the state of {} cannot be stored; its {} records go to the DLT",
                                name,
                                entry.getKey(),
                                records.size(),
                                single);
                        records.forEach(record -> deadLetter(record, single));
                        failed.add(entry.getKey());
                        break;
                    }
                }
            }
        }
        return stale;
    }

    private void publishAll(Collection<List<Outcome>> outcomes) {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (List<Outcome> ofKey : outcomes) {
            for (Outcome outcome : ofKey) {
                sent.add(tracing.inScope(outcome.cause(), outcome.orderId(), () -> template.send(outcome.record())));
            }
        }
        if (sent.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                    .get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublisher.EventPublishingException("interrupted while publishing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EventPublisher.EventPublishingException("outcomes not acknowledged by the broker", e);
        }
    }

    private static Map<String, List<Event>> eventsOf(
            Map<String, List<ConsumerRecord<String, Event>>> byKey, Set<String> keys) {
        Map<String, List<Event>> events = new LinkedHashMap<>();
        for (String key : keys) {
            events.put(key, byKey.get(key).stream().map(ConsumerRecord::value).toList());
        }
        return events;
    }

    private Map<String, S> loadAll(Map<String, List<ConsumerRecord<String, Event>>> byKey) {
        Set<String> keys = byKey.keySet();
        if (!cachePerPartition) {
            return participant.load(eventsOf(byKey, keys));
        }
        Map<String, S> found = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String key : keys) {
            // co-partitioned: a key's records all come from the partition number it is cached under
            Map<String, S> partition = cache.get(partitionOf(byKey.get(key)));
            S cached = partition == null ? null : partition.get(key);
            if (cached == null) {
                missing.add(key);
            } else {
                found.put(key, cached);
            }
        }
        if (!missing.isEmpty()) {
            found.putAll(participant.load(eventsOf(byKey, missing)));
        }
        return found;
    }

    private void forget(Map<String, List<ConsumerRecord<String, Event>>> byKey) {
        byKey.forEach(this::forget);
    }

    private void forget(String key, List<ConsumerRecord<String, Event>> records) {
        if (cachePerPartition && records != null) {
            Map<String, S> partition = cache.get(partitionOf(records));
            if (partition != null) {
                partition.remove(key);
            }
        }
    }

    /** The states cached for one partition number (of any of the co-partitioned topics); for tests and metrics. */
    public int cachedStates(int partition) {
        Map<String, S> states = cache.get(partition);
        return states == null ? 0 : states.size();
    }

    /**
     * The rebalance listener to give the container of a caching runtime: it drops the cached states
     * of the partitions this consumer no longer owns.
     */
    public ConsumerAwareRebalanceListener rebalanceListener() {
        return new ConsumerAwareRebalanceListener() {
            @Override
            public void onPartitionsRevokedBeforeCommit(
                    org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                partitions.forEach(tp -> cache.remove(tp.partition()));
            }

            @Override
            public void onPartitionsLost(
                    org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                partitions.forEach(tp -> cache.remove(tp.partition()));
            }
        };
    }

    private static int partitionOf(List<? extends ConsumerRecord<?, ?>> records) {
        return records.getFirst().partition();
    }

    private void deadLetter(ConsumerRecord<String, Event> record, Exception cause) {
        meters.counter("saga.runtime.dead.lettered", "participant", name, "topic", record.topic())
                .increment();
        log.error("{}: {} goes to {}: {}", name, describe(record), deadLetterTopic(record), cause.toString());
        deadLetters.accept(record, cause);
    }

    private static String deadLetterTopic(ConsumerRecord<?, ?> record) {
        return dev.ordersaga.events.Topics.deadLetter(record.topic());
    }

    private static DeserializationException unreadable(ConsumerRecord<?, ?> record) {
        if (record.value() != null) {
            return null;
        }
        return SerializationUtils.getExceptionFromHeader(
                record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, SPRING_LOG);
    }

    private static String describe(ConsumerRecord<?, ?> record) {
        return record == null
                ? "a record"
                : record.topic() + "-" + record.partition() + "@" + record.offset() + " (key " + record.key() + ")";
    }
}
