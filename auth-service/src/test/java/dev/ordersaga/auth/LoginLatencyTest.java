package dev.ordersaga.auth;

import static dev.ordersaga.auth.AuthApi.uniqueUsername;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.testsupport.SagaServiceTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Measures, does not time-assert (numbers belong in the report, not in a pass/fail): login
 * latency over HTTP against the running app, bcrypt time per hash, and unknown-user versus
 * wrong-password latency. The assertions are on behaviour (every login answered as expected).
 */
@SagaServiceTest
class LoginLatencyTest {

    @LocalServerPort
    int port;

    @Autowired
    PasswordEncoder encoder;

    @Test
    void fifty_sequential_logins_succeed_and_their_latency_is_reported() {
        AuthApi api = new AuthApi(port);
        List<String> usernames = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // 5 users x 10 logins stays within 10 per username per minute
            String username = uniqueUsername("lat");
            api.registered(username, "password123");
            usernames.add(username);
        }
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 2; i++) { // targets of the wrong-password attempts
            String username = uniqueUsername("wrong");
            api.registered(username, "password123");
            others.add(username);
        }
        for (int i = 0; i < 3; i++) { // warm-up, not counted
            api.login("warmup-" + i, "password123");
        }

        List<Double> ok = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long start = System.nanoTime();
            int status = api.login(usernames.get(i % 5), "password123").statusCode();
            ok.add((System.nanoTime() - start) / 1e6);
            assertThat(status).isEqualTo(200);
        }
        List<Double> unknown = new ArrayList<>();
        List<Double> wrong = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long start = System.nanoTime();
            int unknownStatus =
                    api.login(uniqueUsername("ghost"), "password123").statusCode();
            unknown.add((System.nanoTime() - start) / 1e6);
            start = System.nanoTime();
            // the 5 users above used their 10 attempts; wrong passwords go to two other users
            int wrongStatus = api.login(others.get(i % 2), "password124").statusCode();
            wrong.add((System.nanoTime() - start) / 1e6);
            assertThat(unknownStatus).isEqualTo(401);
            assertThat(wrongStatus).isEqualTo(401);
        }
        List<Double> hashes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long start = System.nanoTime();
            String hash = encoder.encode("password123");
            hashes.add((System.nanoTime() - start) / 1e6);
            assertThat(hash).startsWith("$2a$10$");
        }

        System.out.printf(
                "MEASURED login (50 sequential, HTTP, 200): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                percentile(ok, 50), percentile(ok, 90), percentile(ok, 99), percentile(ok, 100));
        System.out.printf(
                "MEASURED 401 unknown user p50 %.1f ms (p90 %.1f) / wrong password p50 %.1f ms (p90 %.1f)%n",
                percentile(unknown, 50), percentile(unknown, 90), percentile(wrong, 50), percentile(wrong, 90));
        System.out.printf(
                "MEASURED bcrypt cost 10 encode: p50 %.1f ms, min %.1f ms, max %.1f ms%n",
                percentile(hashes, 50), percentile(hashes, 0), percentile(hashes, 100));
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
