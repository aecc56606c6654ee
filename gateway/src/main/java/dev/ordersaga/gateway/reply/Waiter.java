package dev.ordersaga.gateway.reply;

import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.events.OrderStatusChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One create_order request waiting for its order. It carries its own hop clock: the deadline
 * starts one hop after registration and every reply for the order (or progress the gateway saw
 * itself, {@link #onProgress}) moves it one hop after that; when the clock runs out the request is answered 504 with the last step seen.
 *
 * <p>Thread-safe: replies arrive on the consumer thread, expiry on the sweeper thread, a publish
 * failure on the producer's thread; the first answer wins.
 */
public final class Waiter {

    private final String orderId;
    private final String requestHash;
    private final Duration hopTimeout;
    private final CompletableFuture<Answer> answer = new CompletableFuture<>();

    private Instant deadline;
    private String lastStep = ReplyAnswers.FIRST_STEP;
    private OrderStatus lastStatus;

    Waiter(String orderId, String requestHash, Instant registeredAt, Duration hopTimeout) {
        this.orderId = orderId;
        this.requestHash = requestHash;
        this.hopTimeout = hopTimeout;
        this.deadline = registeredAt.plus(hopTimeout);
    }

    public String orderId() {
        return orderId;
    }

    public String requestHash() {
        return requestHash;
    }

    /** Completes with the answer to send; never completes exceptionally. */
    public CompletableFuture<Answer> answer() {
        return answer;
    }

    public synchronized Instant deadline() {
        return deadline;
    }

    public synchronized String lastStep() {
        return lastStep;
    }

    /**
     * Takes a reply for this order. A terminal status (or another request's hash) answers; anything
     * else is progress and restarts the hop clock.
     *
     * @return true if this reply answered the request
     */
    synchronized boolean onReply(OrderStatusChanged reply, Instant now) {
        if (answer.isDone()) {
            return true;
        }
        Optional<Answer> outcome = ReplyAnswers.answer(reply, requestHash);
        if (outcome.isPresent()) {
            return answer.complete(outcome.get());
        }
        lastStep = reply.lastStep();
        lastStatus = reply.status();
        restartClock(now);
        return false;
    }

    /**
     * Progress the gateway saw itself on a participant's topic (the customer's validation): it
     * restarts the hop clock like a reply. It names the last step only if no reply named a later
     * one (two topics: it may be read after order-service's reply to the next step).
     */
    synchronized void onProgress(String step, Instant now) {
        if (answer.isDone()) {
            return;
        }
        if (ReplyAnswers.FIRST_STEP.equals(lastStep)) {
            lastStep = step;
        }
        restartClock(now);
    }

    private void restartClock(Instant now) {
        Instant next = now.plus(hopTimeout);
        if (next.isAfter(deadline)) {
            deadline = next;
        }
    }

    /** Answers 504 if no reply came within one hop. @return true if it expired now */
    synchronized boolean expireIfOverdue(Instant now) {
        if (answer.isDone() || now.isBefore(deadline)) {
            return false;
        }
        return answer.complete(ReplyAnswers.hopTimeout(orderId, lastStep, lastStatus, hopTimeout));
    }

    /** Answers with {@code failure} unless something answered already. */
    boolean fail(Answer failure) {
        return answer.complete(failure);
    }

    boolean isDone() {
        return answer.isDone();
    }
}
