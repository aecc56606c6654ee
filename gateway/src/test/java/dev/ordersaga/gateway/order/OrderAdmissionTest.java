package dev.ordersaga.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ordersaga.gateway.config.GatewaySettings;
import dev.ordersaga.gateway.reply.ReplyWaiters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderAdmissionTest {

    private final ReplyWaiters waiters = new ReplyWaiters(Clock.systemUTC(), Duration.ofSeconds(5));
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final PublishWatch publishes = new PublishWatch(nanos::get);

    private OrderAdmission admission(int rate, int burst, int maxWaiting) {
        return new OrderAdmission(
                new GatewaySettings(
                        Duration.ofSeconds(5),
                        new GatewaySettings.Replies(Duration.ofSeconds(30), Duration.ofMillis(50)),
                        new GatewaySettings.Admission(rate, burst, maxWaiting, Duration.ofSeconds(2))),
                waiters,
                publishes,
                new SimpleMeterRegistry());
    }

    private void pass(Duration time) {
        nanos.addAndGet(time.toNanos());
    }

    @Test
    void a_user_past_the_burst_gets_429_with_retry_after_while_another_user_is_let_in() {
        OrderAdmission admission = admission(20, 60, 1000);
        IntStream.range(0, 60).forEach(i -> admission.admit("flooder"));

        GatewayProblem refused = catchThrowableOfType(GatewayProblem.class, () -> admission.admit("flooder"));

        assertRetryAfter(refused, 429, "TOO_MANY_ORDERS", 1);
        assertThatNoException().isThrownBy(() -> admission.admit("someone-else"));
    }

    @Test
    void when_too_many_orders_wait_already_new_ones_are_shed_with_503_and_retry_after() {
        OrderAdmission admission = admission(20, 60, 3);
        IntStream.range(0, 3).forEach(i -> waiters.register("o-" + i, "h"));

        GatewayProblem shed = catchThrowableOfType(GatewayProblem.class, () -> admission.admit("anyone"));

        assertRetryAfter(shed, 503, "OVERLOADED", 1);
    }

    /** A refusal that says when to come back, in the {@code Retry-After} header and in the body. */
    private static void assertRetryAfter(GatewayProblem refusal, int status, String code, long seconds) {
        assertThat(refusal.problem().getStatus()).isEqualTo(status);
        assertThat(refusal.problem().getProperties())
                .containsEntry("code", code)
                .containsEntry("retry_after_seconds", seconds);
        assertThat(refusal.headers().getFirst("Retry-After")).isEqualTo(Long.toString(seconds));
    }

    @Test
    void while_the_broker_leaves_an_order_unacknowledged_past_the_stall_new_ones_get_503_until_it_acknowledges() {
        OrderAdmission admission = admission(20, 60, 1000);
        long first = publishes.started();
        pass(Duration.ofMillis(500));
        long second = publishes.started();
        pass(Duration.ofMillis(1500));
        assertThatNoException()
                .as("2 s unacknowledged is not yet past the stall")
                .isThrownBy(() -> admission.admit("buyer"));

        pass(Duration.ofMillis(1));
        GatewayProblem refused = catchThrowableOfType(GatewayProblem.class, () -> admission.admit("buyer"));
        assertRetryAfter(refused, 503, "PIPELINE_UNAVAILABLE", 2);
        assertThat(refused.problem().getDetail()).contains("Nothing was ordered");

        publishes.finished(first);
        assertThatNoException().as("the oldest left is 1.5 s old").isThrownBy(() -> admission.admit("buyer"));
        pass(Duration.ofSeconds(1));
        assertThat(catchThrowableOfType(GatewayProblem.class, () -> admission.admit("buyer")))
                .as("the second publish is now 2.5 s unacknowledged")
                .isNotNull();
        publishes.finished(second);
        assertThat(publishes.oldestWait()).isZero();
        assertThatNoException().isThrownBy(() -> admission.admit("buyer"));
    }
}
