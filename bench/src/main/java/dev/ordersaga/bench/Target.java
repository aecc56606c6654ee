package dev.ordersaga.bench;

import dev.ordersaga.seed.GatewayClient;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the stack under test is: its gateways, its broker and the admin who sets up a run. */
final class Target {
    static final String DEFAULT_GATEWAY = "http://localhost:9080";

    @Option(
            names = "--gateway",
            defaultValue = DEFAULT_GATEWAY,
            split = ",",
            description = "gateway URL (default ${DEFAULT-VALUE}); several, comma separated or repeated,"
                    + " spread the buyers over them (buyer b on gateway b mod n); set-up, admin calls and"
                    + " the invariant check use the first")
    List<String> gateways;

    @Option(
            names = "--kafka",
            defaultValue = "localhost:9092",
            description = "Kafka bootstrap (default ${DEFAULT-VALUE})")
    String kafka;

    @Option(names = "--admin-user", defaultValue = "${env:AUTH_ADMIN_USERNAME:-admin}")
    String adminUser;

    @Option(
            names = "--admin-password",
            defaultValue = "${env:AUTH_ADMIN_PASSWORD:-admin12345}",
            description = "dev default admin12345")
    String adminPassword;

    /** Whether {@code --gateway} was given (else the default single gateway). */
    boolean gatewayGiven() {
        return gateways != null && !(gateways.size() == 1 && gateways.get(0).equals(DEFAULT_GATEWAY));
    }

    /** The first gateway: set-up, admin calls and the checker. */
    String gateway() {
        return gateways.get(0);
    }

    /** A client of the first gateway and the admin's session on it. */
    GatewayClient.Session admin(GatewayClient gateway) {
        return gateway.login(adminUser, adminPassword);
    }
}
