package dev.ordersaga.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * JVM options for a start-up cache of loaded and linked classes, one per JVM of the stack, under
 * {@code .stack/cache/<name>/}. JDK 25+: the AOT cache, recorded on the first run's exit
 * ({@code -XX:AOTCacheOutput}) and used from the second start on ({@code -XX:AOTCache}); JDK 21-24:
 * a dynamic CDS archive ({@code -XX:+AutoCreateSharedArchive}). A cache that does not fit the
 * class path any more is ignored by the JVM (never an error) and re-created after the next stop.
 */
public final class StartupCache {

    private StartupCache() {}

    public static List<String> options(StackConfig config, String name) {
        if (!config.startupCache()) {
            return List.of();
        }
        Path home = config.cacheDir().resolve(name);
        try {
            Files.createDirectories(home);
        } catch (java.io.IOException e) {
            return List.of();
        }
        if (Jdk.hasAotCache()) {
            Path aot = home.resolve("app.aot");
            return List.of(
                    Files.isRegularFile(aot) ? "-XX:AOTCache=" + aot : "-XX:AOTCacheOutput=" + aot,
                    "-Xlog:aot=error,cds=error");
        }
        return List.of(
                "-XX:SharedArchiveFile=" + home.resolve("app.jsa"), "-XX:+AutoCreateSharedArchive", "-Xlog:cds=error");
    }

    /** Whether the next start records the cache rather than using it. */
    public static boolean records(StackConfig config, String name) {
        return config.startupCache()
                && Jdk.hasAotCache()
                && !Files.isRegularFile(config.cacheDir().resolve(name).resolve("app.aot"));
    }
}
