package dev.ordersaga.saga;

import dev.ordersaga.events.Event;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a saga participant gives the {@link SagaRuntime}: how to load the state of many keys at
 * once, how one event changes one key's state (a pure step), and how to store many changed
 * states at once. The runtime does the rest: batching, ordering per key, publishing, waiting for
 * the broker, dead-lettering and retrying. A participant may say which events start a key's state
 * ({@link #startsState}): a key whose events all do is not read, its insert is the guard.
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
     * Whether this event starts its key's state: in the saga it is the first event of its key this
     * participant sees (the request that creates the order, the reservation that asks for a
     * payment), so the key has no stored state unless the event is a redelivery or a repeat. None by
     * default.
     *
     * <p>A key whose events in a batch all start its state is not read: the runtime applies them to
     * no state ({@link #load(Map, Set)} names such keys {@code unread}), and the step must then
     * change the state, whose write is an insert that fails if the key has a state already. That
     * insert is the guard: {@link #store} returns the key as stale, and the runtime reads it and
     * applies its events again, so a redelivery says what the stored state says, as if it had been
     * read first. A step on no state that changes nothing would say something unguarded: the runtime
     * then reads the key and applies its events again before anything is written or said.
     *
     * <p>Declare only events whose step on no state is the participant's first write: a participant
     * that writes anything before that insert (elsewhere, unguarded by it) must read the key first.
     */
    default boolean startsState(Event event) {
        return false;
    }

    /**
     * The stored state of the batch's keys, in one store query (keys without a state are absent).
     * The events are there so that what they name (the customers of a batch of orders, say) can be
     * read in the same go and carried in the state, keeping {@link #apply} free of store access.
     */
    Map<String, S> load(Map<String, List<Event>> eventsByKey);

    /**
     * The states of the batch's keys not kept in memory ({@link #load(Map, Set, Map)}), except those of the
     * {@code unread} keys (each of whose events {@link #startsState starts its state}): their state is
     * not read, taken as none. By default {@link #load(Map)} of the other keys, and no query at all
     * if there are none. A participant whose state also carries what the events name (read for
     * every key, the unread ones too) overrides this one and reads only that for the unread keys.
     *
     * @param eventsByKey every key to begin with, its events in arrival order
     * @param unread the keys among them whose stored state is not to be read
     */
    default Map<String, S> load(Map<String, List<Event>> eventsByKey, Set<String> unread) {
        if (unread.isEmpty()) {
            return load(eventsByKey);
        }
        Map<String, List<Event>> read = new LinkedHashMap<>(eventsByKey);
        read.keySet().removeAll(unread);
        return read.isEmpty() ? Map.of() : load(read);
    }

    /**
     * What the runtime calls to begin a batch: the states of the batch's keys, some of which a caching
     * runtime {@code kept} in memory from earlier batches of their owned partition (as stored then; none
     * when it does not cache). By default the kept states as they are and {@link #load(Map, Set)} of the
     * others (no query if every key was kept). A participant whose state carries, beside the key's own record, what the events
     * name and others change (the products a batch of reservations decides on) overrides it: it takes
     * the key's record from the kept state and reads the rest for every key.
     *
     * @param eventsByKey every key to begin with, its events in arrival order
     * @param unread the keys among those not kept whose stored state is not to be read
     * @param kept the states kept in memory, by key (never those of {@code unread} keys)
     */
    default Map<String, S> load(Map<String, List<Event>> eventsByKey, Set<String> unread, Map<String, S> kept) {
        if (kept.isEmpty()) {
            return load(eventsByKey, unread);
        }
        Map<String, List<Event>> notKept = new LinkedHashMap<>(eventsByKey);
        notKept.keySet().removeAll(kept.keySet());
        Map<String, S> states = new LinkedHashMap<>(kept);
        if (!notKept.isEmpty()) {
            states.putAll(load(notKept, unread));
        }
        return states;
    }

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
