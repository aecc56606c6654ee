package dev.ordersaga.events;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The one way to take the time of a fact that is stored and may be published again: cut to the
 * millisecond, which is what MongoDB keeps, so an event re-emitted from the stored state carries
 * exactly the time it carried the first time.
 */
public final class EventTime {

    private EventTime() {}

    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
