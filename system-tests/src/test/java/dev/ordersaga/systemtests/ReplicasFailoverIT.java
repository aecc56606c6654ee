package dev.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.bench.BenchSetup;
import dev.ordersaga.bench.InvariantChecker;
import dev.ordersaga.bench.LoadGenerator;
import dev.ordersaga.bench.Mix;
import dev.ordersaga.bench.Outcome;
import dev.ordersaga.localstack.Component;
import dev.ordersaga.localstack.Instance;
import dev.ordersaga.localstack.Probes;
import dev.ordersaga.seed.GatewayClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Two instances of every service, one instance of order-service (the decider: its sweep, its
 * cached states, its terminal re-publishing) SIGKILLed in the middle of a load and never brought
 * back: its partitions move to the survivor within the session timeout, every order still ends
 * terminal and consistent, and orders placed after the failover are answered on both gateways.
 *
 * <p>Runs last, on the shared stack that {@link FaultsIT} restarted with two instances of every
 * service; run alone, on a stack of its own (the shared one is stopped first: two stacks at once are
 * too much for a small machine).
 */
@Order(8)
class ReplicasFailoverIT {

    /** Two instances of everything, no Zipkin (TracingIT checks it), C1 only, no warm-up. */
    static final E2eStack.Options TWO_OF_EVERYTHING = new E2eStack.Options(2, false, false, true);

    /** A failure keeps the stack's logs and data and prints their tails, as for the classes on the shared stack. */
    @RegisterExtension
    static final TestWatcher KEEP_LOGS = E2eStack.LOG_TAILS_ON_FAILURE;

    static E2eStack.Running running;
    static boolean own;

    @BeforeAll
    static void startTwoOfEverything() {
        // FaultsIT's restart left the shared stack with two of everything: no start from nothing
        var shared = E2eStack.sharedIfRunning().filter(r -> r.gateways().size() >= 2);
        if (shared.isPresent()) {
            running = shared.get();
            return;
        }
        E2eStack.stopShared();
        running = E2eStack.startOwn(TWO_OF_EVERYTHING);
        own = true;
    }

    @AfterAll
    static void stop() {
        if (running != null && own) {
            running.close();
        }
    }

    @Test
    void one_order_service_instance_killed_mid_load_leaves_every_order_terminal_and_every_invariant_passing()
            throws Exception {
        assertThat(running.gateways()).hasSize(2);
        Instance victim = new Instance(Component.ORDER, 1);
        assertThat(running.stack().process(victim)).isPresent();

        var first = new GatewayClient(running.gateway());
        List<GatewayClient> gateways =
                running.gateways().stream().map(GatewayClient::new).toList();
        var admin = new GatewayClient.Session("admin", running.adminToken(), null);
        var fixture = BenchSetup.prepare(first, admin, "failover" + System.nanoTime(), 6, 100_000);
        var mix = Mix.parse("80,10,10,0");

        LoadGenerator.Result load;
        try (var scheduler = Executors.newSingleThreadScheduledExecutor()) {
            scheduler.schedule(() -> running.stack().kill(victim), 8, TimeUnit.SECONDS);
            load = new LoadGenerator(gateways, fixture, null)
                    .run(new LoadGenerator.Settings(5, 0, Duration.ofSeconds(24), 1_000, mix, 11, 200));
        }
        assertThat(running.stack().process(victim))
                .as("order-service#1 stays dead")
                .isEmpty();

        // after the failover: every order on either gateway is decided by the surviving instance
        var after = new LoadGenerator(gateways, fixture, null)
                .run(new LoadGenerator.Settings(4, 0, Duration.ofSeconds(5), 20, mix, 12, 200));

        System.out.printf(
                "failover: during the kill %d sent, %s, unexpected %s; after it %d sent, %s%n",
                load.sent(), load.outcomes(), load.unexpected(), after.sent(), after.outcomes());
        var customers =
                fixture.buyers().stream().map(GatewayClient.Session::customerId).collect(Collectors.toSet());
        var invariants = new InvariantChecker(first, admin)
                .check(load.orders().plus(after.orders()), customers, Duration.ofSeconds(60));

        assertThat(load.failures())
                .as("5xx or connection errors during the kill: %s", load.sampleErrors())
                .isZero();
        assertThat(load.outcomes()).containsKey(Outcome.CONFIRMED);
        assertThat(after.outcomes())
                .as("answers after the failover (504: an order stuck on a partition nobody owns)")
                .containsKey(Outcome.CONFIRMED)
                .doesNotContainKey(Outcome.TIMEOUT_504);
        assertThat(after.failures())
                .as("failures after the failover: %s", after.sampleErrors())
                .isZero();
        assertThat(invariants.checks())
                .as("invariants (every order terminal, stock and money consistent)")
                .isNotEmpty()
                .allSatisfy(check -> assertThat(check.pass())
                        .as(check.name() + ": " + check.detail())
                        .isTrue());
        Awaitility.await("the survivor is healthy")
                .atMost(Duration.ofSeconds(10))
                .until(() ->
                        "UP".equals(Probes.health(running.stack().config().port(Instance.first(Component.ORDER)))));
    }
}
