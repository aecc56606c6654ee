package dev.ordersaga.auth.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class LoginRateLimiterTest {

    /** A clock the test moves by hand. */
    static final class ManualTime implements TimeMeter {
        long nanos = 1_000_000_000L;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        void advance(Duration by) {
            nanos += by.toNanos();
        }
    }

    private final ManualTime time = new ManualTime();
    private final LoginRateLimiter limiter = new LoginRateLimiter(new LoginLimits(10, 30, Duration.ofMinutes(1)), time);

    @Test
    void a_username_gets_ten_attempts_a_minute_then_a_wait_of_one_refill() {
        for (int i = 0; i < 10; i++) {
            limiter.acquire("klea", "10.0.0." + i);
        }

        assertThatThrownBy(() -> limiter.acquire("klea", "10.0.1.1"))
                .isInstanceOfSatisfying(
                        TooManyAttemptsException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(6));
    }

    @Test
    void the_wait_shrinks_as_time_passes_and_then_one_more_attempt_is_allowed() {
        for (int i = 0; i < 10; i++) {
            limiter.acquire("klea", "10.0.0.1");
        }
        time.advance(Duration.ofMillis(4_500));

        assertThatThrownBy(() -> limiter.acquire("klea", "10.0.0.1"))
                .isInstanceOfSatisfying(
                        TooManyAttemptsException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(2));

        time.advance(Duration.ofMillis(1_500));
        assertThatCode(() -> limiter.acquire("klea", "10.0.0.1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> limiter.acquire("klea", "10.0.0.1")).isInstanceOf(TooManyAttemptsException.class);
    }

    @Test
    void an_address_gets_thirty_attempts_a_minute_whatever_usernames_it_tries() {
        for (int i = 0; i < 30; i++) {
            limiter.acquire("user-" + i, "203.0.113.7");
        }

        assertThatThrownBy(() -> limiter.acquire("someone-new", "203.0.113.7"))
                .isInstanceOfSatisfying(
                        TooManyAttemptsException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(2));
        assertThatCode(() -> limiter.acquire("someone-new", "203.0.113.8")).doesNotThrowAnyException();
    }

    @Test
    void one_locked_username_does_not_lock_another() {
        for (int i = 0; i < 10; i++) {
            limiter.acquire("klea", "10.0.0." + i);
        }

        assertThatThrownBy(() -> limiter.acquire("klea", "10.0.0.99")).isInstanceOf(TooManyAttemptsException.class);
        assertThatCode(() -> limiter.acquire("other", "10.0.0.99")).doesNotThrowAnyException();
    }

    @Test
    void refilled_buckets_are_forgotten_and_busy_ones_kept() {
        limiter.acquire("klea", "10.0.0.1");
        time.advance(Duration.ofMinutes(1));
        limiter.acquire("ana", "10.0.0.2");

        limiter.forgetIdle();

        assertThat(limiter.tracked()).isEqualTo(2); // ana's two buckets; klea's are full again
    }

    @Test
    void too_many_attempts_is_a_429_problem_with_retry_after() {
        ResponseEntity<ProblemDetail> response =
                LoginProblems.response(new TooManyAttemptsException(6), "/api/auth/login");

        assertThat(response.getStatusCode().value()).isEqualTo(429);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("6");
        assertThat(response.getBody().getProperties())
                .containsEntry("code", "TOO_MANY_ATTEMPTS")
                .containsEntry("retry_after_seconds", 6L);
    }
}
