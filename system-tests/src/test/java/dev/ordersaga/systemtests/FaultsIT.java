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
import dev.ordersaga.localstack.Stack;
import dev.ordersaga.localstack.Supervisor;
import dev.ordersaga.localstack.SupervisorState;
import dev.ordersaga.seed.GatewayClient;
import dev.ordersaga.seed.SeedReport;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Crashes, freezes and restarts of the shared stack, one after the other under light load, on one
 * stack start (each on a stack of its own would cost a start apiece): {@code up} right after a
 * crash starts the crashed service; the supervisor restarts a killed one and leaves a stopped one
 * stopped; the broker frozen 15 s, the store frozen 15 s and order-service frozen past its
 * consumers' session timeout lose nothing; then the whole stack down and up again (with two
 * instances of every service, for {@link ReplicasFailoverIT}) keeps orders, stock, users and tokens.
 */
@Order(7)
@ExtendWith(E2eStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    /** The stack gives the services a 3 s consumer session: frozen longer, order-service is out of its group. */
    private static final Duration PAST_SESSION_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration FREEZE = Duration.ofSeconds(15);

    private static final java.util.regex.Pattern ORDER_ID =
            java.util.regex.Pattern.compile("\"order_id\"\\s*:\\s*\"([^\"]+)\"");

    @Test
    @Order(1)
    void crashes_and_freezes_under_light_load_lose_nothing_and_leave_every_invariant_passing() throws Exception {
        E2eStack.Running running = E2eStack.get();
        Stack stack = running.stack();
        // what `./stack up -d --no-warm-up --no-seed` does: start what is missing, no more
        Stack quickUp = new Stack(stack.config().withWarmUp(false).withSeed(false), System.out);
        var gateway = new GatewayClient(running.gateway());
        var admin = new GatewayClient.Session("admin", running.adminToken(), null);
        var fixture = BenchSetup.prepare(gateway, admin, "faults" + System.nanoTime(), 4, 100_000);
        LoadGenerator loader = new LoadGenerator(gateway, fixture, null);
        Set<String> probes = new HashSet<>();
        CompletableFuture<LoadGenerator.Result> load = CompletableFuture.supplyAsync(() -> {
            try {
                // closed loop, two buyers each waiting for their answer: light load that cannot pile
                // up a backlog while a service is down (an open loop did, on a busy machine)
                return loader.run(new LoadGenerator.Settings(
                        0, 2, Duration.ofMinutes(20), Long.MAX_VALUE, Mix.parse("80,10,10,0"), 25, 500));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        // up right after a crash starts the crashed one (a dying JVM is not "already running")
        Instance customer = Instance.first(Component.CUSTOMER);
        signal("KILL", stack.process(customer).orElseThrow().pid());
        assertThat(quickUp.upInstances()).containsExactly(customer);

        Supervisor supervisor = Supervisor.of(stack, System.out);
        Thread supervising = Thread.ofPlatform().daemon().name("e2e-supervisor").start(() -> {
            try {
                supervisor.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            // the supervisor brings back a killed service (while the freezes below go on: two faults
            // close together), and leaves one stopped on purpose stopped (Zipkin: no order needs it)
            Instance zipkin = Instance.first(Component.ZIPKIN);
            Instance inventory = Instance.first(Component.INVENTORY);
            assertThat(stack.stop(zipkin)).isTrue();
            long killed = stack.process(inventory).orElseThrow().pid();
            signal("KILL", killed);

            // frozen, not dead: the supervisor leaves them alone, and they catch up when thawed
            freeze(stack, Instance.first(Component.KAFKA), FREEZE);
            freeze(stack, Instance.first(Component.MONGO), FREEZE);
            freeze(stack, Instance.first(Component.ORDER), PAST_SESSION_TIMEOUT);

            Awaitility.await("inventory-service restarted by the supervisor")
                    .atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> stack.process(inventory)
                                    .map(ProcessHandle::pid)
                                    .filter(p -> p != killed)
                                    .isPresent()
                            && "UP".equals(Probes.health(stack.config().port(inventory))));
            SupervisorState supervision = SupervisorState.of(stack.config());
            assertThat(supervision.restarts(inventory)).isEqualTo(1);
            assertThat(stack.process(zipkin))
                    .as("zipkin was stopped on purpose")
                    .isEmpty();
            assertThat(supervision.restarts(zipkin)).isZero();

            // after the last fault the stack answers 201 again
            Awaitility.await("orders confirmed again after the faults")
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> probe(gateway, fixture, probes) == 201);
        } finally {
            loader.stop();
            supervising.interrupt();
            supervising.join();
        }

        LoadGenerator.Result result = load.get();
        Set<String> customers =
                fixture.buyers().stream().map(GatewayClient.Session::customerId).collect(Collectors.toSet());
        // the probe orders above were accepted too: every order of the run's buyers is accounted for
        var invariants = new InvariantChecker(gateway, admin)
                .check(result.orders().plusAccepted(probes), customers, Duration.ofSeconds(120));

        assertThat(result.failures())
                .as("5xx or connection errors: %s", result.sampleErrors())
                .isZero();
        assertThat(result.outcomes()).containsKey(Outcome.CONFIRMED);
        assertThat(invariants.checks())
                .as("invariants (nothing lost, every order terminal, stock and money consistent)")
                .hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(check -> assertThat(check.pass())
                        .as(check.name() + ": " + check.detail())
                        .isTrue());
    }

    @Test
    @Order(2)
    void data_and_tokens_survive_a_restart_of_the_whole_stack_and_seeding_again_changes_nothing() {
        E2eStack.Running running = E2eStack.get();
        Orders orders = new Orders(running);
        String product = orders.newProduct(20, "7.00");
        Http.Answer confirmed =
                orders.order(running.customerToken(), Orders.KLEA_CUSTOMER, product, 3, "restart-" + UUID.randomUUID());
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(201);
        String orderId = confirmed.text("order_id");
        orders.awaitInventoryInvariants();
        String stockBefore = orders.product(product).toString();

        long gatewayBefore =
                running.stack().process(Component.GATEWAY).orElseThrow().pid();
        // down, and up again on the same data with two of everything (no warm-up: this checks what
        // survives, not how fast the first orders are); ReplicasFailoverIT then runs on it
        E2eStack.Running restarted = E2eStack.restartShared(ReplicasFailoverIT.TWO_OF_EVERYTHING);
        Stack stack = restarted.stack();
        assertThat(restarted.gateways()).hasSize(2);
        assertThat(stack.process(Component.GATEWAY).orElseThrow().pid()).isNotEqualTo(gatewayBefore);

        // the token issued before the restart still works (the signing key is on disk)
        Http.Answer order = Http.get(running.gateway() + "/api/orders/" + orderId, running.customerToken());
        assertThat(order.status()).as(order.toString()).isEqualTo(200);
        assertThat(order.text("status")).isEqualTo("CONFIRMED");
        assertThat(orders.product(product).toString()).isEqualTo(stockBefore);
        assertThat(Http.login(running.gateway(), "klea", "password123")).isNotBlank();

        SeedReport again = stack.seed();
        assertThat(again.created()).isZero();
        assertThat(again.existing()).isPositive();
    }

    /** One order by the first buyer; its id (if it got one) joins {@code probes}; answers the status. */
    private static int probe(GatewayClient gateway, BenchSetup.Fixture fixture, Set<String> probes) {
        var buyer = fixture.buyers().get(0);
        var answer = gateway.createOrderSync(
                buyer.token(), GatewayClient.orderBody(buyer.customerId(), fixture.stockedProduct(), 1, "credit_card"));
        var id = ORDER_ID.matcher(answer.body());
        if (id.find()) {
            probes.add(id.group(1));
        }
        return answer.statusCode();
    }

    /** SIGSTOP, then SIGCONT after {@code length}; meanwhile the frozen process is neither dead nor replaced. */
    private static void freeze(Stack stack, Instance victim, Duration length) throws IOException, InterruptedException {
        long pid = stack.process(victim).orElseThrow().pid();
        signal("STOP", pid);
        try {
            Awaitility.await(victim.id() + " frozen, neither dead nor restarted")
                    .during(length)
                    .atMost(length.plusSeconds(5))
                    .until(() -> stack.process(victim)
                            .map(ProcessHandle::pid)
                            .filter(p -> p == pid)
                            .isPresent());
        } finally {
            signal("CONT", pid);
        }
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-s", name, Long.toString(pid))
                        .inheritIO()
                        .start()
                        .waitFor())
                .as("kill -s %s %d", name, pid)
                .isZero();
    }
}
