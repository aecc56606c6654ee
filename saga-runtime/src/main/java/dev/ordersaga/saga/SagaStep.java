package dev.ordersaga.saga;

import dev.ordersaga.events.Event;
import java.util.List;

/**
 * What one event did to its key's state: the state after it, whether that state must be written,
 * and the events to publish once it is.
 */
public record SagaStep<S>(S state, boolean changed, List<Event> publish) {

    public SagaStep {
        publish = List.copyOf(publish);
    }

    /** The state changed: write it, then publish. */
    public static <S> SagaStep<S> changed(S state, List<? extends Event> publish) {
        return new SagaStep<>(state, true, List.copyOf(publish));
    }

    /** Nothing to write (a redelivery, an event this participant ignores); maybe something to say again. */
    public static <S> SagaStep<S> unchanged(S state, List<? extends Event> publish) {
        return new SagaStep<>(state, false, List.copyOf(publish));
    }
}
