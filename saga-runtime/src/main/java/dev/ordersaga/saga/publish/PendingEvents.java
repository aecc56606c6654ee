package dev.ordersaga.saga.publish;

import dev.ordersaga.events.Event;
import java.time.Instant;
import java.util.List;

/**
 * Events a service owes the broker after a write outside a consumed record (a request, a
 * deadline): they are pending in the store from the moment of that write until the broker
 * acknowledged them, so a crash between the write and the send loses nothing. The service's
 * store (or its saga, for rules on top) implements this; {@link ReliablePublisher} sends right
 * after the write and its sweep sends again what stayed pending.
 *
 * <p>Where the pending mark lives is the implementation's choice; best is the document the write
 * changed, in the same single write (a flag or a due time on the aggregate, found again by an
 * indexed query). Every event must be derived from the entry with a fixed id
 * ({@code EventIds.about}): a re-sent event is the same event, and the consumers, idempotent by
 * event id, change nothing for it. Nothing is lost (pending until acknowledged) or doubled (same id).
 *
 * @param <E> an entry with events pending: the aggregate itself, or a small document pointing at it
 */
public interface PendingEvents<E> {

    /** The entries due now, the longest waiting first, at most {@code limit}: one indexed query. */
    List<E> due(Instant now, int limit);

    /**
     * The events to send for a due entry now. The owner may apply its own rules first (e.g. a
     * deadline that decides an order, with a guarded write) and reschedule or close the entry; an
     * empty list sends nothing.
     */
    List<Event> review(E entry, Instant now);

    /** The broker acknowledged the entry's events: no longer pending (a guarded write), or due again later. */
    void sent(E entry, Instant now);

    /** The key the entry's events are about (an order id, a user id), for logs and traces. */
    String key(E entry);

    /** The W3C traceparent the entry's events belong to, continued by the sweep; null for a new trace. */
    default String traceparent(E entry) {
        return null;
    }
}
