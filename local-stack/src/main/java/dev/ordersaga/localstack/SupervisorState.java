package dev.ordersaga.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

/**
 * What the supervisor and the operator tell each other, in files under {@code <data>/supervisor/}
 * (so a detached supervisor, {@code ./stack stop} and {@code ./stack status} agree): which instances
 * are held down on purpose ({@code held/<instance>}: {@code stop} writes it, {@code up} removes it),
 * and how often each was restarted ({@code restarts/<instance>}: a count and the last time).
 */
public final class SupervisorState {

    private final Path held;
    private final Path restarts;

    private SupervisorState(Path dir) {
        this.held = dir.resolve("held");
        this.restarts = dir.resolve("restarts");
    }

    public static SupervisorState of(StackConfig config) {
        return new SupervisorState(config.dataDir().resolve("supervisor"));
    }

    /** {@code ./stack stop}: the supervisor must not bring it back. */
    public void hold(Instance instance) {
        try {
            Files.createDirectories(held);
            Files.writeString(held.resolve(instance.fileName()), Instant.now() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isHeld(Instance instance) {
        return Files.exists(held.resolve(instance.fileName()));
    }

    /** {@code ./stack up}: these are wanted running again. */
    public void releaseAll(List<Instance> instances) {
        for (Instance i : instances) {
            try {
                Files.deleteIfExists(held.resolve(i.fileName()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Restarts since the stack was last started from nothing. */
    public int restarts(Instance instance) {
        Path file = restarts.resolve(instance.fileName());
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
            return Integer.parseInt(props.getProperty("count", "0").trim());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** One more restart of this instance (only the supervisor writes these). */
    public synchronized void countRestart(Instance instance) {
        Properties props = new Properties();
        props.setProperty("count", String.valueOf(restarts(instance) + 1));
        props.setProperty("last", Instant.now().toString());
        try {
            Files.createDirectories(restarts);
            try (OutputStream out = Files.newOutputStream(restarts.resolve(instance.fileName()))) {
                props.store(out, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ./stack down}: the next {@code up} starts counting from zero. */
    public void clearRestarts() {
        try (var files = Files.list(restarts)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // nothing counted yet
        }
    }
}
