package dev.ordersaga.seed;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Creates the demo data through the gateway ({@link GatewayClient}), as the bootstrap admin:
 * customers, then the users linked to them, then the products. Idempotent by "create; 409 = already there", so running it
 * twice changes nothing and it never needs to read a database.
 *
 * <p>Run it with {@code java -jar seed/target/seed-0.1.0-SNAPSHOT-exec.jar [gateway-url]}; settings
 * from the environment: {@code SEED_GATEWAY_URL} (default {@code http://localhost:9080}),
 * {@code AUTH_ADMIN_USERNAME} / {@code AUTH_ADMIN_PASSWORD} (dev default {@code admin} /
 * {@code admin12345}, the same defaults auth-service bootstraps the admin with).
 */
public final class Seeder {

    public static final String DEFAULT_GATEWAY_URL = "http://localhost:9080";
    public static final String DEFAULT_ADMIN_USERNAME = "admin"; // dev default
    public static final String DEFAULT_ADMIN_PASSWORD = "admin12345"; // dev default

    private final GatewayClient gateway;
    private final String adminUsername;
    private final String adminPassword;
    private final PrintStream log;

    public Seeder(String gatewayUrl, String adminUsername, String adminPassword, PrintStream log) {
        this.gateway = new GatewayClient(gatewayUrl);
        this.adminUsername = Objects.requireNonNull(adminUsername);
        this.adminPassword = Objects.requireNonNull(adminPassword);
        this.log = log;
    }

    /** A seeder configured from the environment, the way the local stack and Compose call it. */
    public static Seeder fromEnvironment(String gatewayUrl, PrintStream log) {
        return new Seeder(
                gatewayUrl,
                env("AUTH_ADMIN_USERNAME", DEFAULT_ADMIN_USERNAME),
                env("AUTH_ADMIN_PASSWORD", DEFAULT_ADMIN_PASSWORD),
                log);
    }

    public static void main(String[] args) {
        String gatewayUrl = args.length > 0 ? args[0] : env("SEED_GATEWAY_URL", DEFAULT_GATEWAY_URL);
        try {
            SeedReport report = fromEnvironment(gatewayUrl, System.out).seed(SeedData.bundled());
            System.out.println("seed: " + report);
        } catch (SeedException e) {
            System.err.println("seed failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Creates whatever of {@code data} is missing; reports what was created and what was already there. */
    public SeedReport seed(SeedData data) {
        GatewayClient.Session admin = login();
        Map<String, SeedReport.Count> counts = new LinkedHashMap<>();
        counts.put("customers", createAll("api/customers", data.customers(), "id", admin));
        counts.put("users", createAll("api/auth/users", data.users(), "username", admin));
        counts.put("products", createAll("api/products", data.products(), "id", admin));
        return new SeedReport(counts);
    }

    private SeedReport.Count createAll(
            String path, List<JsonNode> documents, String idField, GatewayClient.Session admin) {
        int created = 0;
        int existing = 0;
        for (JsonNode document : documents) {
            String id = document.path(idField).asString("?");
            if (create(admin, path, id, document)) {
                created++;
                log("created " + path + " " + id);
            } else {
                existing++;
            }
        }
        return new SeedReport.Count(created, existing);
    }

    private boolean create(GatewayClient.Session admin, String path, String id, JsonNode document) {
        try {
            return gateway.create(admin, path, document.toString());
        } catch (RuntimeException e) {
            throw new SeedException(e.getMessage() + " (" + id + ")");
        }
    }

    private GatewayClient.Session login() {
        try {
            return gateway.login(adminUsername, adminPassword);
        } catch (GatewayClient.Refused e) {
            if (e.status() == 401 || e.status() == 403) {
                throw new SeedException("the admin login was refused (" + e.status()
                        + "): AUTH_ADMIN_USERNAME / AUTH_ADMIN_PASSWORD must match what auth-service bootstrapped");
            }
            throw new SeedException(e.getMessage());
        } catch (RuntimeException e) {
            throw new SeedException(e.getMessage());
        }
    }

    private void log(String line) {
        if (log != null) {
            log.println("seed: " + line);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Seeding could not finish; the message says which request failed and how. */
    public static final class SeedException extends RuntimeException {
        public SeedException(String message) {
            super(message);
        }
    }
}
