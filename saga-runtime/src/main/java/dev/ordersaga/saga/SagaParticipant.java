package dev.ordersaga.saga;

import dev.ordersaga.events.Event;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a saga participant gives the {@link SagaRuntime}: how to load the state of many keys at
 * once, how one event changes one key's state (a pure step), and how to store many changed
 * states at once. The runtime does the rest: batching, ordering per key, publishing, waiting for
 * the broker, dead-lettering and retrying.
 *
 * @param <S> the state kept per key (per order id): the participant's aggregate
 */
public interface SagaParticipant<S> {

    /**
     * The event types this participant acts on; empty (the default) for every event it is given.
     * Declared, they let the consumer of a listener that names this participant ({@link
     * SagaRuntimes#PARTICIPANT}) pass the other types of its topics over by their {@code event_type}
     * header, without reading their JSON ({@link EventFilter}); {@link #handles} follows from them.
     */
    default Set<Class<? extends Event>> handledTypes() {
        return Set.of();
    }

    /**
     * Whether this participant does anything with the event. The others (facts it does not act
     * on, on a topic it reads for other events) are passed over before anything is loaded. By
     * default: the event is of one of the {@link #handledTypes}, if they are declared.
     */
    default boolean handles(Event event) {
        Set<Class<? extends Event>> types = handledTypes();
        return types.isEmpty() || types.contains(event.getClass());
    }

    /**
     * The stored state of the batch's keys, in one store query (keys without a state are absent).
     * The events are there so that what they name (the customers of a batch of orders, say) can be
     * read in the same go and carried in the state, keeping {@link #apply} free of store access.
     */
    Map<String, S> load(Map<String, List<Event>> eventsByKey);

    /**
     * Applies one event to the state of its key. No store or broker access: what to write is the
     * returned state, what to say is the returned events. A redelivered event must return the
     * same events again (same ids) and no change.
     *
     * @param state the key's state, or null if it has none yet
     */
    SagaStep<S> apply(Event event, S state);

    /**
     * Stores the changed states in one bulk write, each guarded (by version, or by an insert that
     * fails if the key exists), and returns the keys whose guard failed: someone else (another
     * instance, the sweep, a request) wrote them meanwhile. Their states are reloaded and their
     * events applied again.
     */
    Set<String> store(Map<String, S> changed);
}
