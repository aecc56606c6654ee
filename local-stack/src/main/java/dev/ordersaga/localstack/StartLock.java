package dev.ordersaga.localstack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Held while a launcher decides what is missing and starts it ({@code up}, or the supervisor
 * restarting a crashed process), so two of them never start the same instance twice on one port.
 * A file lock in the data directory across processes, and a JVM-wide lock inside one process (a
 * file lock is held per process, not per thread).
 */
final class StartLock implements AutoCloseable {

    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final FileChannel channel;
    private final FileLock lock;

    private StartLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits for the lock. */
    static StartLock acquire(Path dataDir) {
        IN_PROCESS.lock();
        try {
            FileChannel channel = open(dataDir);
            return new StartLock(channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            IN_PROCESS.unlock();
            throw new StackException("cannot lock " + dataDir.resolve("start.lock") + ": " + e.getMessage(), e);
        }
    }

    private static FileChannel open(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        return FileChannel.open(dataDir.resolve("start.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock anyway
        } finally {
            IN_PROCESS.unlock();
        }
    }
}
