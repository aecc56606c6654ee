package dev.ordersaga.saga;

import dev.ordersaga.events.Event;
import dev.ordersaga.support.tracing.SagaTracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Runs one saga participant over what one poll returned, the shape every participant shares:
 *
 * <ol>
 *   <li>records of a type the participant does not handle are passed over: unread when its listener
 *       names the participant ({@link SagaRuntimes#PARTICIPANT}: the consumer's {@link EventFilter}
 *       left their value null by their {@code event_type} header), else after reading;
 *   <li>records that cannot be read go to {@code <topic>.DLT} at once; the batch goes on ({@link
 *       DeadLetters});
 *   <li>the others are grouped by key (arrival order kept per key, {@link Batch}), the states of all
 *       keys are loaded in one query (or taken from the per-partition cache, {@link StateCache}), and
 *       each event is applied to its key's state by the participant's pure step ({@link KeyStepper}).
 *       A key whose events all start its state ({@link SagaParticipant#startsState}) is not read: it
 *       has none unless they are redelivered, and its insert is the guard;
 *   <li>the changed states are stored in one bulk write ({@link BatchWriter}); keys whose guard failed
 *       (written by someone else meanwhile, or an insert of a key not read that has a state: a
 *       redelivery) are reloaded and their events applied again, for at most {@value #CONFLICT_ROUNDS}
 *       rounds; so is a key not read whose steps wrote nothing, before anything of it is said;
 *   <li>every outcome is sent without waiting, then the runtime waits once for all acks and returns
 *       ({@link OutcomeSender}): only then does the container commit the batch's offsets.
 * </ol>
 *
 * Failure policy: an outage of the store or the broker ({@link Infrastructure#isOutage}) is thrown
 * to the container's error handler, which pauses the consumer and retries the whole batch with a
 * capped exponential back-off until it works (never the DLT); the idempotent steps make the
 * repetition harmless. Any other exception is the record's own: its key's events are tried again
 * a bounded number of times, then the record goes to the DLT and the rest of the batch goes on
 * (the order's deadline finishes it).
 *
 * <p>A caching runtime keeps states in memory per owned partition, at most a bounded number (Caffeine
 * evicts beyond it, by recency and frequency), and drops them when the partition is revoked; the participant's write
 * guard stays the fence against a zombie owner. A cached state
 * is dropped too when anything about its batch failed.
 *
 * <p>Tracing: each record is observed the way Spring Kafka observes a record listener (a span that
 * continues the trace of the record's headers, and the {@code spring.kafka.listener} timer); its step
 * runs and its outcomes are sent in that span, so each order's trace goes on through this service.
 * A batch's load and bulk write run in the span of its first record.
 */
public class SagaRuntime<S> {

    private static final Logger log = LoggerFactory.getLogger(SagaRuntime.class);
    private static final int CONFLICT_ROUNDS = 10;

    private final String name;
    private final SagaParticipant<S> participant;
    private final SagaRuntimeHealth health;
    private final SagaTracing tracing;
    private final DistributionSummary batchSizes;
    private final Counter passedOver;
    private final EventFilter reading;
    private final StateCache<S> cache;
    private final DeadLetters deadLetters;
    private final KeyStepper<S> stepper;
    private final BatchWriter<S> writer;
    private final OutcomeSender sender;

    /** @param maxCachedStates the most states kept in memory (Caffeine evicts beyond it); 0 loads every batch's */
    public SagaRuntime(
            String name,
            SagaParticipant<S> participant,
            int maxCachedStates,
            KafkaTemplate<Object, Object> template,
            DeadLetterPublishingRecoverer deadLetters,
            KafkaSettings settings,
            SagaRuntimeHealth health,
            MeterRegistry meters,
            SagaTracing tracing) {
        this.name = name;
        this.participant = participant;
        this.health = health;
        this.tracing = tracing;
        this.batchSizes = DistributionSummary.builder("saga.runtime.batch.size")
                .description("Records per batch a participant handled")
                .tag("participant", name)
                .register(meters);
        this.passedOver = Counter.builder("saga.runtime.passed.over")
                .description("Records of a type the participant does not handle, passed over")
                .tag("participant", name)
                .register(meters);
        this.reading = EventFilter.reading(participant.handledTypes());
        this.cache = new StateCache<>(maxCachedStates);
        this.deadLetters = new DeadLetters(name, deadLetters, meters);
        this.stepper = new KeyStepper<>(name, participant, settings.retryAttempts(), this.deadLetters, cache);
        this.writer = new BatchWriter<>(name, participant, settings.retryAttempts(), this.deadLetters);
        this.sender = new OutcomeSender(template, settings.sendTimeout(), tracing);
    }

    /** Handles one poll's records; returns once every outcome is on the broker. */
    public void process(List<ConsumerRecord<String, Event>> records) {
        batchSizes.record(records.size());
        Batch batch = new Batch(tracing);
        for (ConsumerRecord<String, Event> record : records) {
            if ((record.value() == null && reading.passesOver(record.headers()))
                    || (record.value() != null && !participant.handles(record.value()))) {
                passedOver.increment();
            } else if (!deadLetters.refuse(record)) {
                batch.add(record);
            }
        }
        if (batch.isEmpty()) {
            health.working();
            return;
        }
        batch.observe(name);
        try {
            cache.keep(batch, run(batch));
            health.working();
        } catch (RuntimeException e) {
            cache.forget(batch);
            if (Infrastructure.isOutage(e)) {
                health.outage(e);
                log.warn(
                        "{}: store or broker unavailable, the batch of {} records will be retried: {}",
                        name,
                        records.size(),
                        e.toString());
            }
            batch.failed(e);
            throw e;
        } finally {
            batch.stop();
        }
    }

    /**
     * Load (not the keys whose events all start their state), apply, store (again for the keys
     * someone else wrote meanwhile, and for the keys not read that the store refused or that nothing
     * was written for), send; the states as stored.
     */
    private Map<String, S> run(Batch batch) {
        Set<String> unread = new LinkedHashSet<>();
        Map<String, S> states = new HashMap<>(batch.inBatchScope(() -> cache.load(batch, (missing, kept) -> {
            Set<String> starting = batch.keysWhoseEventsAll(missing, participant::startsState);
            unread.addAll(starting);
            return participant.load(batch.eventsOf(batch.keys()), starting, kept);
        })));
        Map<String, List<OutcomeSender.Outcome>> outcomes = new LinkedHashMap<>();
        Set<String> pending = new LinkedHashSet<>(batch.keys());
        for (int round = 1; !pending.isEmpty(); round++) {
            Map<String, S> changed = new LinkedHashMap<>();
            Set<String> unguarded = new LinkedHashSet<>();
            for (String key : pending) {
                KeyStepper.Result<S> result = stepper.applyAll(key, batch, states.get(key));
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
                } else if (unread.contains(key)) {
                    // said from no state with no insert to guard it: read the key before saying anything
                    unguarded.add(key);
                }
            }
            BatchWriter.Written written = batch.inBatchScope(() -> writer.store(changed, batch));
            written.failed().forEach(key -> {
                // its state may have been changed in memory and not written: not kept
                cache.forget(batch, key);
                states.remove(key);
                outcomes.remove(key);
            });
            // from here on every key is read: a refused insert of a key not read was a redelivery
            unread.clear();
            Set<String> stale = new LinkedHashSet<>(written.stale());
            stale.addAll(unguarded);
            if (stale.isEmpty()) {
                break;
            }
            if (round == CONFLICT_ROUNDS) {
                throw new IllegalStateException(name + ": keys " + stale + " kept changing under this batch");
            }
            log.debug(
                    "{}: {} written by someone else meanwhile (or before: a redelivery), or not read; applying"
                            + " their events again to a fresh read",
                    name,
                    stale);
            stale.forEach(key -> {
                cache.forget(batch, key);
                // a key still without a state is stepped from none again, not from what this round applied
                states.remove(key);
            });
            states.putAll(batch.inBatchScope(() -> participant.load(batch.eventsOf(stale))));
            pending = stale;
        }
        sender.sendAll(outcomes.values());
        states.values().removeIf(Objects::isNull);
        return states;
    }

    /** The event types its participant handles (empty: all); see {@link SagaParticipant#handledTypes}. */
    Set<Class<? extends Event>> handledTypes() {
        return participant.handledTypes();
    }

    String name() {
        return name;
    }

    /** The states cached for one partition number (of any of the co-partitioned topics); for tests and metrics. */
    public int cachedStates(int partition) {
        return cache.size(partition);
    }

    /** The states cached in all; for tests and metrics. */
    public long cachedStates() {
        return cache.size();
    }

    /**
     * The rebalance listener of a caching runtime's container: it drops the cached states of the
     * partitions this consumer no longer owns. {@link SagaRuntimes} gives it to every saga container.
     */
    public ConsumerAwareRebalanceListener rebalanceListener() {
        return cache.rebalanceListener();
    }
}
