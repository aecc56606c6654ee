package dev.ordersaga.bench;

import dev.ordersaga.seed.GatewayClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a load run drives: the run's products and buyers (set up through the first gateway), a client
 * per gateway to spread the buyers over, and the admin who checks the invariants afterwards.
 *
 * @param gateway the first gateway: set-up, admin calls and the invariant check
 * @param admin the admin's session on it
 * @param fixture the run's products and buyers
 * @param clients a client of every gateway, the first one first
 * @param customers the customer ids of the run's buyers
 */
record LoadRig(
        GatewayClient gateway,
        GatewayClient.Session admin,
        BenchSetup.Fixture fixture,
        List<GatewayClient> clients,
        Set<String> customers) {

    static LoadRig prepare(Target target, List<String> gateways, String runId, int buyers, int stock) {
        var gateway = new GatewayClient(gateways.get(0));
        var admin = target.admin(gateway);
        var fixture = BenchSetup.prepare(gateway, admin, runId, buyers, stock);
        List<GatewayClient> clients = new ArrayList<>(List.of(gateway));
        gateways.stream().skip(1).map(GatewayClient::new).forEach(clients::add);
        Set<String> customers =
                fixture.buyers().stream().map(GatewayClient.Session::customerId).collect(Collectors.toSet());
        return new LoadRig(gateway, admin, fixture, List.copyOf(clients), customers);
    }

    LoadGenerator load(PrintStream progress) {
        return new LoadGenerator(clients, fixture, progress);
    }

    /** Unrecorded load to warm the JITs; its orders still count for the invariants. */
    RunOrders warmUp(LoadGenerator.Settings settings, PrintStream out) throws InterruptedException {
        if (settings.duration().isZero()) {
            return RunOrders.none();
        }
        out.printf("warm-up %s ...%n", settings.duration());
        var warm = load(out).run(settings);
        out.println();
        return warm.orders();
    }

    InvariantChecker.Report check(RunOrders orders, java.time.Duration settle) {
        return new InvariantChecker(gateway, admin).check(orders, customers, settle);
    }
}
