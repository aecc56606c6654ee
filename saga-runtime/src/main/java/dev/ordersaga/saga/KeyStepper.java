package dev.ordersaga.saga;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.EventHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one key's events of a batch in order with the participant's pure step, each in its
 * record's span. A failure that is not an outage is retried from a fresh load of the key, a
 * bounded number of times; then the failing record goes to the DLT and nothing of its key is
 * written or said.
 */
final class KeyStepper<S> {

    private static final Logger log = LoggerFactory.getLogger(SagaRuntime.class);

    /** What a key's events did: the state after them, whether it must be written, what to send once it is. */
    record Result<S>(S state, boolean changed, List<OutcomeSender.Outcome> outcomes) {}

    private final String name;
    private final SagaParticipant<S> participant;
    private final int retryAttempts;
    private final DeadLetters deadLetters;
    private final StateCache<S> cache;

    KeyStepper(
            String name,
            SagaParticipant<S> participant,
            int retryAttempts,
            DeadLetters deadLetters,
            StateCache<S> cache) {
        this.name = name;
        this.participant = participant;
        this.retryAttempts = retryAttempts;
        this.deadLetters = deadLetters;
        this.cache = cache;
    }

    /** Applies a key's events in order; null if one of them failed beyond retrying and was dead-lettered. */
    Result<S> applyAll(String key, Batch batch, S stored) {
        List<ConsumerRecord<String, Event>> records = batch.records(key);
        S initial = stored;
        for (int attempt = 1; ; attempt++) {
            S state = initial;
            boolean changed = false;
            List<OutcomeSender.Outcome> outcomes = new ArrayList<>();
            ConsumerRecord<String, Event> current = null;
            try {
                for (ConsumerRecord<String, Event> record : records) {
                    current = record;
                    S before = state;
                    SagaStep<S> step = batch.inScope(record, () -> participant.apply(record.value(), before));
                    state = step.state();
                    changed |= step.changed();
                    var observation = batch.observation(record);
                    Header replyTo = record.headers().lastHeader(EventHeaders.REPLY_TO);
                    byte[] to = replyTo == null ? null : replyTo.value();
                    step.publish()
                            .forEach(event -> outcomes.add(new OutcomeSender.Outcome(observation, key, event, to)));
                }
                return new Result<>(state, changed, outcomes);
            } catch (RuntimeException e) {
                if (Infrastructure.isOutage(e)) {
                    throw e;
                }
                if (attempt > retryAttempts) {
                    log.error(
                            "{}: {} failed {} times, sending it to the DLT",
                            name,
                            DeadLetters.describe(current),
                            attempt,
                            e);
                    batch.observation(current).error(e);
                    deadLetters.send(current, e);
                    return null;
                }
                log.warn("{}: {} failed (attempt {}): {}", name, DeadLetters.describe(current), attempt, e.toString());
                // The step may have changed the state object before it failed: start again from the store.
                cache.forget(batch, key);
                initial = batch.inScope(
                        records.getFirst(),
                        () -> participant.load(batch.eventsOf(Set.of(key))).get(key));
            }
        }
    }
}
