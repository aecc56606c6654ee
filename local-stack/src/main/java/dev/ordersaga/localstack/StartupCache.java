package dev.ordersaga.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JVM options for a start-up cache of loaded and linked classes, one per JVM of the stack, under
 * {@code .stack/cache/<name>/}. By default the best the JDK has; {@code STACK_STARTUP_CACHE}
 * chooses otherwise:
 *
 * <ul>
 *   <li>{@code aot} (default on JDK 25+): the AOT cache of JEPs 483/514/515: classes loaded and
 *       linked ahead of time plus the method profiles of a training run, so the JIT compiles the hot
 *       paths sooner. The first start records ({@code -XX:AOTCacheOutput}); its warm-up orders (see
 *       {@link dev.ordersaga.bench.WarmUp}) make the training representative of the saga, not just of start-up. The JVM
 *       writes the cache when it exits, which makes the first {@code down} after a new build slow
 *       (about a minute for the whole stack here); every later start maps it ({@code -XX:AOTCache}).
 *       Measured here against {@code cds}: services healthy a few seconds sooner and about 40 MiB
 *       less resident memory per JVM.
 *   <li>{@code cds} (default on JDK 21-24, where there is no AOT cache): a dynamic class-data
 *       sharing archive, written when the JVM exits ({@code -XX:+AutoCreateSharedArchive}) and mapped
 *       on every later start.
 *   <li>{@code off}: nothing.
 * </ul>
 *
 * A cache that no longer fits its class path is ignored by the JVM (never an error); a new service
 * jar or another JDK deletes the cache, so it is recorded anew (see {@link ServiceApps#prepare}).
 */
public final class StartupCache {

    public enum Mode {
        CDS,
        AOT,
        OFF
    }

    static final String AOT_FILE = "app.aot";
    static final String CDS_FILE = "app.jsa";

    private StartupCache() {}

    public static Mode mode(StackConfig config) {
        return mode(config.startupCache(), System.getenv("STACK_STARTUP_CACHE"), Jdk.feature());
    }

    /** The mode for a wish ({@code STACK_STARTUP_CACHE}, null: the default) on a JDK of this feature release. */
    static Mode mode(boolean enabled, String wanted, int jdkFeature) {
        if (!enabled) {
            return Mode.OFF;
        }
        boolean aotCapable = Jdk.hasAotCache(jdkFeature);
        if (wanted == null || wanted.isBlank()) {
            return aotCapable ? Mode.AOT : Mode.CDS;
        }
        Mode mode;
        try {
            mode = Mode.valueOf(wanted.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StackException("STACK_STARTUP_CACHE must be aot, cds or off, not '" + wanted + "'");
        }
        // asked for on a JDK without it: the next best, not a failing start
        return mode == Mode.AOT && !aotCapable ? Mode.CDS : mode;
    }

    public static List<String> options(StackConfig config, String name) {
        return options(config.cacheDir().resolve(name), mode(config));
    }

    static List<String> options(Path home, Mode mode) {
        if (mode == Mode.OFF) {
            return List.of();
        }
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            return List.of();
        }
        if (mode == Mode.AOT) {
            Path aot = home.resolve(AOT_FILE);
            return List.of(
                    Files.isRegularFile(aot) ? "-XX:AOTCache=" + aot : "-XX:AOTCacheOutput=" + aot,
                    "-Xlog:aot=error,cds=error");
        }
        return List.of(
                "-XX:SharedArchiveFile=" + home.resolve(CDS_FILE),
                "-XX:+AutoCreateSharedArchive",
                "-Xlog:cds=error,cds+dynamic=error");
    }

    /**
     * Options that use the cache if it exists and never write it: for the second and later
     * instances of a service, which share the first instance's cache.
     */
    public static List<String> readOnlyOptions(StackConfig config, String name) {
        Path home = config.cacheDir().resolve(name);
        return switch (mode(config)) {
            case AOT ->
                Files.isRegularFile(home.resolve(AOT_FILE))
                        ? List.of("-XX:AOTCache=" + home.resolve(AOT_FILE), "-Xlog:aot=error,cds=error")
                        : List.of();
            case CDS ->
                Files.isRegularFile(home.resolve(CDS_FILE))
                        ? List.of("-XX:SharedArchiveFile=" + home.resolve(CDS_FILE), "-Xlog:cds=error")
                        : List.of();
            case OFF -> List.of();
        };
    }

    /** Whether the next start records the cache rather than using it. */
    public static boolean records(StackConfig config, String name) {
        return records(config.cacheDir().resolve(name), mode(config));
    }

    static boolean records(Path home, Mode mode) {
        return switch (mode) {
            case AOT -> !Files.isRegularFile(home.resolve(AOT_FILE));
            case CDS -> !Files.isRegularFile(home.resolve(CDS_FILE));
            case OFF -> false;
        };
    }

    /**
     * Deletes the cache under {@code home} unless it was made from the same class path on the same
     * JDK (a JVM ignores a cache that does not fit, but would never record a new one).
     *
     * @param classPath the jars and directories the JVM runs from
     */
    public static void keepOnlyFor(Path home, List<Path> classPath) {
        StringBuilder stamp = new StringBuilder(Runtime.version().toString());
        for (Path entry : classPath) {
            stamp.append('\n').append(entry.toAbsolutePath());
            try (var files =
                    Files.isDirectory(entry) ? Files.list(entry).sorted() : java.util.stream.Stream.of(entry)) {
                for (Path file : files.toList()) {
                    stamp.append('|')
                            .append(file.getFileName())
                            .append(':')
                            .append(Files.size(file))
                            .append(':')
                            .append(Files.getLastModifiedTime(file).toMillis());
                }
            } catch (IOException e) {
                stamp.append("|?");
            }
        }
        Path file = home.resolve("source.stamp");
        try {
            if (Files.isRegularFile(file) && Files.readString(file).contentEquals(stamp)) {
                return;
            }
            ServiceApps.deleteTree(home);
            Files.createDirectories(home);
            Files.writeString(file, stamp);
        } catch (IOException e) {
            // no cache then: the JVM starts without one
        }
    }

    /** Whether a JVM with this command line writes its start-up cache when it exits. */
    public static boolean recordsOnExit(String commandLine) {
        if (commandLine.contains("-XX:AOTCacheOutput=")) {
            return true;
        }
        // a dynamic CDS JVM carries the same options on every start; it writes only when the archive is missing
        Matcher archive = CDS_ARCHIVE.matcher(commandLine);
        return commandLine.contains("-XX:+AutoCreateSharedArchive")
                && archive.find()
                && !Files.isRegularFile(Path.of(archive.group(1)));
    }

    private static final Pattern CDS_ARCHIVE = Pattern.compile("-XX:SharedArchiveFile=(\\S+)");
}
