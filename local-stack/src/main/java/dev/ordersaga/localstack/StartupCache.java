package dev.ordersaga.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * JVM options for a start-up cache of loaded and linked classes, one per JVM of the stack, under
 * {@code .stack/cache/<name>/}, chosen by {@code STACK_STARTUP_CACHE}:
 *
 * <ul>
 *   <li>{@code cds} (default, JDK 19+): a dynamic class-data sharing archive, written when the JVM
 *       exits ({@code -XX:+AutoCreateSharedArchive}) and mapped on every later start. Writing it
 *       takes a few seconds on the first stop.
 *   <li>{@code aot} (JDK 25+): the AOT cache ({@code -XX:AOTCacheOutput} on the first run,
 *       {@code -XX:AOTCache} after), which also keeps linked classes and method profiles: faster
 *       starts still, but the first stop spends a minute or more per service assembling ~120 MB
 *       caches on a small machine, so it is opt-in.
 *   <li>{@code off}: nothing.
 * </ul>
 *
 * A cache that no longer fits its class path is ignored by the JVM (never an error) and written
 * anew; a new service jar also deletes its cache.
 */
public final class StartupCache {

    public enum Mode {
        CDS,
        AOT,
        OFF
    }

    private StartupCache() {}

    public static Mode mode(StackConfig config) {
        if (!config.startupCache()) {
            return Mode.OFF;
        }
        String wanted = System.getenv().getOrDefault("STACK_STARTUP_CACHE", "cds");
        Mode mode;
        try {
            mode = Mode.valueOf(wanted.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StackException("STACK_STARTUP_CACHE must be cds, aot or off, not '" + wanted + "'");
        }
        if (mode == Mode.AOT && !Jdk.hasAotCache()) {
            return Mode.CDS;
        }
        return mode;
    }

    public static List<String> options(StackConfig config, String name) {
        Mode mode = mode(config);
        if (mode == Mode.OFF) {
            return List.of();
        }
        Path home = config.cacheDir().resolve(name);
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            return List.of();
        }
        if (mode == Mode.AOT) {
            Path aot = home.resolve("app.aot");
            return List.of(
                    Files.isRegularFile(aot) ? "-XX:AOTCache=" + aot : "-XX:AOTCacheOutput=" + aot,
                    "-Xlog:aot=error,cds=error");
        }
        return List.of(
                "-XX:SharedArchiveFile=" + home.resolve("app.jsa"),
                "-XX:+AutoCreateSharedArchive",
                "-Xlog:cds=error,cds+dynamic=error");
    }

    /** Whether the next start records the cache rather than using it. */
    public static boolean records(StackConfig config, String name) {
        Path home = config.cacheDir().resolve(name);
        return switch (mode(config)) {
            case AOT -> !Files.isRegularFile(home.resolve("app.aot"));
            case CDS -> !Files.isRegularFile(home.resolve("app.jsa"));
            case OFF -> false;
        };
    }
}
