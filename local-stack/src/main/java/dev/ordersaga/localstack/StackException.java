package dev.ordersaga.localstack;

/** The stack cannot do what was asked; the message says why and what to do, for a person to read. */
public class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
