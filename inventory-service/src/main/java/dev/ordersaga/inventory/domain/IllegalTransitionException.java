package dev.ordersaga.inventory.domain;

/** A reservation (or one of its lines) was asked for a step its current state does not allow. */
public class IllegalTransitionException extends IllegalStateException {

    public IllegalTransitionException(String message) {
        super(message);
    }
}
