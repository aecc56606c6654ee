package dev.ordersaga.inventory.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order's reservation is. {@code RESERVING} is the crash-safe work in progress (the
 * document exists, its lines are being applied); from there it ends {@code RESERVED} (all lines
 * held) or {@code REJECTED} (nothing held), or {@code RELEASED} when the order was decided while
 * the lines were still being applied. {@code RESERVED} ends {@code COMMITTED} or {@code RELEASED}.
 * {@code CLOSED} is born terminal: the order was decided before inventory reserved anything, so a
 * late reservation request is refused.
 */
public enum ReservationStatus {
    RESERVING,
    RESERVED,
    REJECTED,
    RELEASED,
    COMMITTED,
    CLOSED;

    public Set<ReservationStatus> next() {
        return switch (this) {
            case RESERVING -> EnumSet.of(RESERVED, REJECTED, RELEASED);
            case RESERVED -> EnumSet.of(COMMITTED, RELEASED);
            case REJECTED, RELEASED, COMMITTED, CLOSED -> EnumSet.noneOf(ReservationStatus.class);
        };
    }

    public boolean canBecome(ReservationStatus target) {
        return next().contains(target);
    }

    /** Holds, or may still come to hold, stock. */
    public boolean isOpen() {
        return this == RESERVING || this == RESERVED;
    }
}
