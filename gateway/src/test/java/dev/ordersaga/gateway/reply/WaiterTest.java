package dev.ordersaga.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The hop clock: each reply restarts it; when it runs out the request is answered 504. */
class WaiterTest {

    private static final Duration HOP = Duration.ofSeconds(5);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final ReplyWaiters waiters = new ReplyWaiters(clock, HOP);

    @Test
    void a_waiter_without_any_reply_expires_one_hop_after_it_was_registered() {
        Waiter waiter = waiters.register("o-1", "h");

        clock.advance(Duration.ofMillis(4999));
        assertThat(waiters.expireOverdue()).isZero();
        assertThat(waiter.answer()).isNotDone();

        clock.advance(Duration.ofMillis(1));
        assertThat(waiters.expireOverdue()).isOne();

        ProblemDetail problem = problemOf(waiter);
        assertThat(problem.getStatus()).isEqualTo(504);
        assertThat(problem.getProperties())
                .containsEntry("code", "HOP_TIMEOUT")
                .containsEntry("order_id", "o-1")
                .containsEntry("last_step", "OrderRequested")
                .containsEntry("status_url", "/api/orders/o-1");
        assertThat(waiters.waiting()).isZero();
    }

    @Test
    void every_progress_reply_restarts_the_clock_so_the_whole_wait_may_exceed_one_hop() {
        Waiter waiter = waiters.register("o-2", "h");

        clock.advance(Duration.ofSeconds(4));
        waiters.onReply(Replies.progress("o-2", "h", OrderStatus.PENDING, "OrderRequested"));
        clock.advance(Duration.ofSeconds(4));
        waiters.onReply(Replies.progress("o-2", "h", OrderStatus.CUSTOMER_VALIDATED, "CustomerValidated"));
        clock.advance(Duration.ofSeconds(4));
        waiters.onReply(Replies.progress("o-2", "h", OrderStatus.STOCK_RESERVED, "StockReserved"));
        clock.advance(Duration.ofMillis(4900));

        assertThat(waiters.expireOverdue()).isZero();
        assertThat(waiter.deadline()).isEqualTo(clock.instant().plusMillis(100));

        waiters.onReply(Replies.confirmed("o-2", "h"));
        assertThat(waiter.answer().join().status()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void the_timeout_names_the_last_step_and_status_that_were_reached() {
        Waiter waiter = waiters.register("o-3", "h");
        clock.advance(Duration.ofSeconds(2));
        waiters.onReply(Replies.progress("o-3", "h", OrderStatus.STOCK_RESERVED, "StockReserved"));

        clock.advance(Duration.ofMillis(4999));
        assertThat(waiters.expireOverdue()).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(waiters.expireOverdue()).isOne();

        ProblemDetail problem = problemOf(waiter);
        assertThat(problem.getProperties())
                .containsEntry("last_step", "StockReserved")
                .containsEntry("order_status", "STOCK_RESERVED")
                .containsEntry("order_id", "o-3");
        assertThat(problem.getDetail()).contains("5s").contains("StockReserved");
    }

    @Test
    void a_reply_after_the_timeout_changes_nothing_and_a_terminal_reply_stops_the_clock() {
        Waiter late = waiters.register("o-4", "h");
        clock.advance(HOP);
        waiters.expireOverdue();
        waiters.onReply(Replies.confirmed("o-4", "h"));
        assertThat(late.answer().join().status()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);

        Waiter answered = waiters.register("o-5", "h");
        waiters.onReply(Replies.confirmed("o-5", "h"));
        clock.advance(HOP.multipliedBy(3));
        assertThat(waiters.expireOverdue()).isZero();
        assertThat(answered.answer().join().status()).isEqualTo(HttpStatus.CREATED);
    }

    static ProblemDetail problemOf(Waiter waiter) {
        assertThat(waiter.answer()).isDone();
        return (ProblemDetail) waiter.answer().join().body();
    }
}
