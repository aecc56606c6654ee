package dev.ordersaga.saga;

import dev.ordersaga.events.Event;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a batch's changed states in one bulk write through the participant. A write that fails
 * for a reason other than an outage is narrowed down: each key is written alone (with the bounded
 * retries), and a key that still cannot be written has its records dead-lettered.
 */
final class BatchWriter<S> {

    private static final Logger log = LoggerFactory.getLogger(SagaRuntime.class);

    /** The keys whose guard failed (to reload and apply again) and those that could not be written at all. */
    record Written(Set<String> stale, Set<String> failed) {}

    private final String name;
    private final SagaParticipant<S> participant;
    private final int retryAttempts;
    private final DeadLetters deadLetters;

    BatchWriter(String name, SagaParticipant<S> participant, int retryAttempts, DeadLetters deadLetters) {
        this.name = name;
        this.participant = participant;
        this.retryAttempts = retryAttempts;
        this.deadLetters = deadLetters;
    }

    Written store(Map<String, S> changed, Batch batch) {
        if (changed.isEmpty()) {
            return new Written(Set.of(), Set.of());
        }
        try {
            return new Written(participant.store(changed), Set.of());
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
        Set<String> failed = new LinkedHashSet<>();
        for (var entry : changed.entrySet()) {
            for (int attempt = 1; ; attempt++) {
                try {
                    stale.addAll(participant.store(Map.of(entry.getKey(), entry.getValue())));
                    break;
                } catch (RuntimeException single) {
                    if (Infrastructure.isOutage(single)) {
                        throw single;
                    }
                    if (attempt > retryAttempts) {
                        List<ConsumerRecord<String, Event>> records = batch.records(entry.getKey());
                        log.error(
                                "{}: the state of {} cannot be stored; its {} records go to the DLT",
                                name,
                                entry.getKey(),
                                records.size(),
                                single);
                        records.forEach(record -> deadLetters.send(record, single));
                        failed.add(entry.getKey());
                        break;
                    }
                }
            }
        }
        return new Written(stale, failed);
    }
}
