package dev.ordersaga.localstack;

import dev.ordersaga.bench.WarmUp;
import dev.ordersaga.seed.SeedData;
import dev.ordersaga.seed.SeedReport;
import dev.ordersaga.seed.Seeder;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The end of {@code up}: the demo data, and the warm-up orders beside it. */
final class Seeding {

    private final StackConfig config;
    private final PrintStream out;

    Seeding(StackConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /**
     * Seeds and warms up side by side (the warm-up uses records of its own, not the demo data): a
     * failed seed is rethrown once the warm-up is done, a failed warm-up is only reported, since
     * the stack serves without it, just slower at first.
     */
    void seedAndWarmUp() {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> seeding = config.seed() ? pool.submit(this::seed) : null;
            if (config.warmUp()) {
                out.println(
                        "  warm-up: real orders (own customer and products, not the demo data) until they are fast ...");
                try {
                    WarmUp.Result result = new WarmUp(
                                    config.gatewayUrl(),
                                    setting(config, "AUTH_ADMIN_USERNAME", Seeder.DEFAULT_ADMIN_USERNAME),
                                    setting(config, "AUTH_ADMIN_PASSWORD", Seeder.DEFAULT_ADMIN_PASSWORD))
                            .run();
                    out.printf("  %-20s %s%n", "warm-up", result);
                } catch (RuntimeException e) {
                    out.println(
                            "  warm-up skipped: " + e.getMessage() + " (the stack runs; the first orders are slower)");
                }
            }
            if (seeding != null) {
                Futures.get(seeding);
            }
        }
    }

    /** Creates the demo data through the gateway (idempotent). */
    SeedReport seed() {
        String username = setting(config, "AUTH_ADMIN_USERNAME", Seeder.DEFAULT_ADMIN_USERNAME);
        String password = setting(config, "AUTH_ADMIN_PASSWORD", Seeder.DEFAULT_ADMIN_PASSWORD);
        Instant begin = Instant.now();
        SeedReport report;
        try {
            report = new Seeder(config.gatewayUrl(), username, password, null).seed(SeedData.bundled());
        } catch (Seeder.SeedException e) {
            throw new Stack.SeedFailed("seeding the demo data failed: " + e.getMessage()
                    + "\nThe services are running; once fixed, seed again with: ./stack seed");
        }
        out.printf(
                "  %-20s %s (%.1f s)%n",
                "seed", report, Duration.between(begin, Instant.now()).toMillis() / 1000.0);
        return report;
    }

    /** A service setting as the services see it: the stack's extra environment, then ours. */
    static String setting(StackConfig config, String name, String fallback) {
        String value = config.serviceEnv().get(name);
        if (value == null) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
