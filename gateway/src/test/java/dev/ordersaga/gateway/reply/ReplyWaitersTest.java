package dev.ordersaga.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

class ReplyWaitersTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final ReplyWaiters waiters = new ReplyWaiters(clock, Duration.ofSeconds(5));

    @Test
    void racing_requests_for_one_order_all_get_the_same_answer() {
        List<Waiter> racing = IntStream.range(0, 10)
                .mapToObj(i -> waiters.register("o-race", "h"))
                .toList();
        assertThat(waiters.waiting()).isEqualTo(10);

        waiters.onReply(Replies.progress("o-race", "h", OrderStatus.PENDING, "OrderRequested"));
        assertThat(racing).noneMatch(w -> w.answer().isDone());
        waiters.onReply(Replies.confirmed("o-race", "h"));

        assertThat(racing).allSatisfy(w -> {
            assertThat(w.answer().join().status()).isEqualTo(HttpStatus.CREATED);
            assertThat(w.answer().join().body())
                    .isEqualTo(racing.getFirst().answer().join().body());
        });
        assertThat(waiters.waiting()).isZero();
    }

    @Test
    void a_waiter_whose_request_hash_differs_from_the_stored_one_gets_422_the_others_wait_on() {
        Waiter first = waiters.register("o-key", "hash-a");
        Waiter reuse = waiters.register("o-key", "hash-b");

        // order-service answers the repeat with the order's current state and its STORED hash.
        waiters.onReply(Replies.progress("o-key", "hash-a", OrderStatus.CUSTOMER_VALIDATED, "CustomerValidated"));

        assertThat(first.answer()).isNotDone();
        ProblemDetail problem = (ProblemDetail) reuse.answer().join().body();
        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getProperties())
                .containsEntry("code", "IDEMPOTENCY_KEY_REUSED")
                .containsEntry("order_id", "o-key");
        assertThat(waiters.waiting()).isOne();

        waiters.onReply(Replies.confirmed("o-key", "hash-a"));
        assertThat(first.answer().join().status()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void replies_for_orders_this_instance_does_not_wait_for_are_counted_and_ignored() {
        Waiter mine = waiters.register("o-mine", "h");

        waiters.onReply(Replies.confirmed("o-someone-elses", "h"));

        assertThat(mine.answer()).isNotDone();
        assertThat(waiters.ignoredReplies()).isOne();
        assertThat(waiters.matchedReplies()).isZero();
    }

    @Test
    void an_abandoned_waiter_is_answered_and_forgotten() {
        Waiter waiter = waiters.register("o-lost", "h");

        waiters.abandon(waiter, ReplyAnswers.notAccepted("o-lost"));

        assertThat(waiter.answer().join().status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(waiters.waiting()).isZero();
    }
}
