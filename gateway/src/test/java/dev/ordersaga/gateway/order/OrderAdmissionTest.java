package dev.ordersaga.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ordersaga.gateway.config.GatewaySettings;
import dev.ordersaga.gateway.reply.ReplyWaiters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderAdmissionTest {

    private final ReplyWaiters waiters = new ReplyWaiters(Clock.systemUTC(), Duration.ofSeconds(5));

    private OrderAdmission admission(int rate, int burst, int maxWaiting) {
        return new OrderAdmission(
                new GatewaySettings(
                        Duration.ofSeconds(5),
                        new GatewaySettings.Replies(Duration.ofSeconds(30), Duration.ofMillis(50)),
                        new GatewaySettings.Admission(rate, burst, maxWaiting)),
                waiters,
                new SimpleMeterRegistry());
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
}
