package dev.ordersaga.localstack.store;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;

/**
 * Writes are answered only once they are in the file, and the writes that arrive together share one commit.
 *
 * <p>A write changes the B-trees in memory while holding the gate shared, then waits until a commit covers it. One
 * waiting writer at a time commits: it closes the gate (no write is half applied then), commits every write applied
 * so far in one MVStore chunk, reopens the gate, and, if {@code fsync} is set, forces the file to the disk. The
 * writers that queued meanwhile find their write already covered or commit the next group. A commit in the file
 * survives a SIGKILL of the store (the operating system has it); only {@code fsync} makes it survive a power cut.
 */
final class GroupCommit {

    private final MVStore store;
    private final boolean fsync;
    private final StoreStats stats;
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final ReentrantLock committing = new ReentrantLock();
    private final AtomicLong applied = new AtomicLong();
    private volatile long durable;

    GroupCommit(MVStore store, boolean fsync, StoreStats stats) {
        this.store = store;
        this.fsync = fsync;
        this.stats = stats;
    }

    boolean fsync() {
        return fsync;
    }

    /** Applies a change and returns once it is committed (a failed change too: it may have written part). */
    <T> T write(Supplier<T> change) {
        long ticket;
        T result;
        gate.readLock().lock();
        try {
            result = change.get();
        } finally {
            ticket = applied.incrementAndGet();
            gate.readLock().unlock();
            stats.writes.increment();
            awaitCommitted(ticket);
        }
        return result;
    }

    private void awaitCommitted(long ticket) {
        if (durable >= ticket) {
            return;
        }
        committing.lock();
        try {
            if (durable >= ticket) {
                return; // a commit of the group before covered it
            }
            long upTo;
            gate.writeLock().lock();
            try {
                upTo = applied.get();
                store.commit();
            } finally {
                gate.writeLock().unlock();
            }
            if (fsync) {
                store.sync();
                stats.syncs.increment();
            }
            stats.commits.increment();
            durable = upTo;
        } finally {
            committing.unlock();
        }
    }

    /** Writes applied and not yet committed (for tests). */
    long pending() {
        return applied.get() - durable;
    }

    /**
     * Holds back every commit until the returned handle is closed, so writes pile up as one group (for tests: a
     * group made deterministic, not timed).
     */
    AutoCloseable holdCommits() {
        committing.lock();
        return committing::unlock;
    }

    /** Runs a change to the files' layout (compaction) with no write half applied. */
    void exclusively(Runnable action) {
        committing.lock();
        try {
            gate.writeLock().lock();
            try {
                action.run();
            } finally {
                gate.writeLock().unlock();
            }
        } finally {
            committing.unlock();
        }
    }
}
