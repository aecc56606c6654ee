package dev.ordersaga.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The class path of the stack's own long-running JVMs (the store and the supervisor). Run from the
 * launcher jar in {@code local-stack/target}, they broke when a build rewrote that jar under them:
 * a class loaded after the rebuild was not found, and the store answered every command with an
 * error until it was restarted. So they run from a copy under {@code .stack/cache/launcher/}, named
 * after the jar's size and time, which no build touches: a new build gets a copy of its own, older
 * copies are deleted (a process still running keeps its open file).
 */
final class LauncherJar {

    private LauncherJar() {}

    /** The class path of the stack's own JVMs, as {@code -cp} takes it. */
    static String classPath(StackConfig config) {
        return Jdk.classPath(entries(config));
    }

    /** The class path of the stack's own JVMs, entry by entry. */
    static List<Path> entries(StackConfig config) {
        return entries(Jdk.ownClassPathEntries(), config.cacheDir().resolve("launcher"));
    }

    /**
     * A copy of {@code own} under {@code dir} when {@code own} is one jar (the launcher as {@code
     * ./stack} runs it); anything else (classes directories, a test's class path) as it is.
     */
    static List<Path> entries(List<Path> own, Path dir) {
        if (own.size() != 1) {
            return own;
        }
        Path jar = own.getFirst();
        try {
            if (jar.toAbsolutePath().startsWith(dir.toAbsolutePath())) {
                // a JVM run from a copy (the supervisor) starts the store from the newest copy: its
                // own may be gone, replaced by a later build's
                return List.of(newest(dir).orElse(jar));
            }
            if (!Files.isRegularFile(jar) || !jar.getFileName().toString().endsWith(".jar")) {
                return own;
            }
            String stem = jar.getFileName().toString().replaceFirst("\\.jar$", "");
            Path copy = dir.resolve(stem + "-" + Files.size(jar) + "-"
                    + Files.getLastModifiedTime(jar).toMillis() + ".jar");
            if (!Files.isRegularFile(copy)) {
                Files.createDirectories(dir);
                Path part = Files.createTempFile(dir, stem, ".part");
                Files.copy(jar, part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, copy, StandardCopyOption.ATOMIC_MOVE);
                deleteOthers(dir, copy);
            }
            return List.of(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> newest(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (var copies = Files.list(dir)) {
            return copies.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .max(Comparator.comparing(LauncherJar::modified));
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE; // deleted meanwhile
        }
    }

    private static void deleteOthers(Path dir, Path keep) throws IOException {
        try (DirectoryStream<Path> copies = Files.newDirectoryStream(dir, "*.{jar,part}")) {
            for (Path other : copies) {
                if (!other.equals(keep)) {
                    try {
                        Files.deleteIfExists(other);
                    } catch (IOException e) {
                        // in use where open files cannot be deleted: the next new build tries again
                    }
                }
            }
        }
    }
}
