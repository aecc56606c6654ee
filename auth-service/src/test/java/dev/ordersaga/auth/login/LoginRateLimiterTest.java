package dev.ordersaga.auth.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.support.web.TooManyRequestsException;
import dev.ordersaga.testsupport.ManualTimeMeter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginRateLimiterTest {

    private final ManualTimeMeter time = new ManualTimeMeter();
    private final LoginRateLimiter limiter =
            new LoginRateLimiter(new LoginLimits(30, 10, 10, Duration.ofMinutes(1), Duration.ofSeconds(3)), time);

    @Test
    void a_username_from_one_address_gets_ten_attempts_a_minute_then_a_429_with_one_refill_to_wait() {
        for (int i = 0; i < 10; i++) {
            limiter.acquire("klea", "203.0.113.7");
        }

        assertThatThrownBy(() -> limiter.acquire("klea", "203.0.113.7"))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                    assertThat(e.code()).isEqualTo("TOO_MANY_ATTEMPTS");
                    assertThat(e.retryAfterSeconds()).isEqualTo(6);
                });
    }

    @Test
    void an_attacker_elsewhere_never_gets_the_owner_refused_only_slowed_down_by_at_most_three_seconds() {
        for (int i = 0; i < 200; i++) {
            // a botnet: every address a few wrong passwords for klea
            limiter.acquire("klea", "198.51.100." + (i % 100));
        }

        Duration owner = limiter.acquire("klea", "192.0.2.1");

        assertThat(owner).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void within_the_username_budget_nobody_is_slowed_down() {
        for (int i = 0; i < 9; i++) {
            assertThat(limiter.acquire("klea", "198.51.100." + i)).isZero();
        }

        assertThat(limiter.acquire("klea", "192.0.2.1")).isZero();
        assertThat(limiter.acquire("klea", "192.0.2.1")).isPositive();
    }

    @Test
    void the_wait_shrinks_as_time_passes_and_then_one_more_attempt_is_allowed() {
        for (int i = 0; i < 10; i++) {
            limiter.acquire("klea", "10.0.0.1");
        }
        time.advance(Duration.ofMillis(4_500));

        assertThatThrownBy(() -> limiter.acquire("klea", "10.0.0.1"))
                .isInstanceOfSatisfying(
                        TooManyRequestsException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(2));

        time.advance(Duration.ofMillis(1_500));
        limiter.acquire("klea", "10.0.0.1");
        assertThatThrownBy(() -> limiter.acquire("klea", "10.0.0.1")).isInstanceOf(TooManyRequestsException.class);
    }

    @Test
    void an_address_gets_thirty_attempts_a_minute_whatever_usernames_it_tries() {
        for (int i = 0; i < 30; i++) {
            limiter.acquire("user-" + i, "203.0.113.7");
        }

        assertThatThrownBy(() -> limiter.acquire("someone-new", "203.0.113.7"))
                .isInstanceOfSatisfying(
                        TooManyRequestsException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(2));
        assertThat(limiter.acquire("someone-new", "203.0.113.8")).isZero();
    }

    @Test
    void one_refused_username_at_an_address_does_not_refuse_another_username_there() {
        for (int i = 0; i < 10; i++) {
            limiter.acquire("klea", "10.0.0.99");
        }

        assertThatThrownBy(() -> limiter.acquire("klea", "10.0.0.99")).isInstanceOf(TooManyRequestsException.class);
        assertThat(limiter.acquire("other", "10.0.0.99")).isZero();
    }

    @Test
    void refilled_buckets_are_forgotten_and_busy_ones_kept() {
        limiter.acquire("klea", "10.0.0.1");
        time.advance(Duration.ofMinutes(1));
        limiter.acquire("ana", "10.0.0.2");

        limiter.forgetIdle();

        assertThat(limiter.tracked()).isEqualTo(3); // ana's three buckets; klea's are full again
    }
}
