package dev.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.bench.BenchSetup;
import dev.ordersaga.bench.InvariantChecker;
import dev.ordersaga.bench.KafkaRelay;
import dev.ordersaga.bench.LoadGenerator;
import dev.ordersaga.bench.Mix;
import dev.ordersaga.bench.Outcome;
import dev.ordersaga.bench.Report;
import dev.ordersaga.seed.GatewayClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few seconds of the real benchmark against the real stack: buyers, an outcome mix, the bare
 * relay, the invariant checker and the report. Keeps {@code bench/} working; says nothing about
 * speed (tests never assert times).
 */
@Order(3)
@ExtendWith(E2eStack.class)
class BenchSmokeIT {

    @Test
    void a_short_benchmark_run_answers_every_request_and_leaves_every_invariant_passing(@TempDir Path results)
            throws Exception {
        E2eStack.Running running = E2eStack.get();
        var gateway = new GatewayClient(running.gateway());
        var admin = new GatewayClient.Session("admin", running.adminToken(), null);
        var fixture = BenchSetup.prepare(gateway, admin, "smoke" + System.nanoTime(), 3, 1000);

        var load = new LoadGenerator(gateway, fixture, null)
                .run(new LoadGenerator.Settings(10, 0, Duration.ofSeconds(4), 40, Mix.parse("70,10,10,10"), 7, 100));
        var relay = new KafkaRelay(running.stack().config().kafkaBootstrap()).run(10, Duration.ofSeconds(2));
        var customers =
                fixture.buyers().stream().map(GatewayClient.Session::customerId).collect(Collectors.toSet());
        var invariants = new InvariantChecker(gateway, admin).check(load.orders(), customers, Duration.ofSeconds(60));

        assertThat(load.failures())
                .as("5xx or connection errors: %s", load.sampleErrors())
                .isZero();
        assertThat(load.overall().count()).isEqualTo(load.sent()).isPositive();
        assertThat(load.outcomes()).containsKeys(Outcome.CONFIRMED, Outcome.BAD_REQUEST);
        assertThat(relay.received()).isEqualTo(relay.sent()).isPositive();
        assertThat(invariants.checks())
                .as("invariants")
                .allSatisfy(check -> assertThat(check.pass())
                        .as(check.name() + ": " + check.detail())
                        .isTrue());
        assertThat(invariants.checks()).hasSizeGreaterThanOrEqualTo(7);

        Path written = Report.write(
                results, new Report.Run("smoke", Map.of("rate", 10), load, relay, invariants, List.of(), null));
        assertThat(Files.readString(written)).contains("create_order", "bare Kafka relay", "PASS");
        assertThat(results.resolve("smoke.json")).isNotEmptyFile();
        assertThat(results.resolve("smoke.png")).isNotEmptyFile();
    }
}
