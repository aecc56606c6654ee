package dev.ordersaga.inventory.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * A reservation line: {@code PENDING} until its stock is held, {@code APPLIED} while held, then
 * {@code UNDONE} (given back: rollback or release) or {@code COMMITTED} (sold).
 */
public enum LineState {
    PENDING,
    APPLIED,
    UNDONE,
    COMMITTED;

    public Set<LineState> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(APPLIED);
            case APPLIED -> EnumSet.of(UNDONE, COMMITTED);
            case UNDONE, COMMITTED -> EnumSet.noneOf(LineState.class);
        };
    }

    public boolean canBecome(LineState target) {
        return next().contains(target);
    }
}
