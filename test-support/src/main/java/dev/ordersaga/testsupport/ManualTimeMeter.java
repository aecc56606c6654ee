package dev.ordersaga.testsupport;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/** A Bucket4j clock that stands still until a test moves it, so rate limits are tested without waiting. */
public final class ManualTimeMeter implements TimeMeter {

    private long nanos = Duration.ofSeconds(1).toNanos();

    /** Moves the clock on by {@code duration}. */
    public void advance(Duration duration) {
        nanos += duration.toNanos();
    }

    @Override
    public long currentTimeNanos() {
        return nanos;
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }
}
