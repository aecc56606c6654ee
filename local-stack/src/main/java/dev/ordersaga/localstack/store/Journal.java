package dev.ordersaga.localstack.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.WriteBuffer;

/**
 * The store's durability: every change to a collection's documents is appended to a journal, and a write is answered
 * only once its records were handed to the operating system (so they survive a SIGKILL of the store); the writes
 * that arrive together share one journal write (group commit). Snapshots bound the journal.
 *
 * <p>Files in the data directory: {@code journal-N.log} (segments, a new one at every start and every snapshot) and
 * {@code snapshot-N.bin} (every document as of the start of segment N). Recovery reads the newest snapshot, then the
 * segments from its number on, in order. A record is {@code [length][CRC-32C][payload]}: a record cut short by a kill
 * (or failing its checksum) ends its segment, and only that record is lost, which was never acknowledged.
 *
 * <p>Group commit: a write changes the in-memory maps while holding the gate shared and appends its records to a
 * buffer, then waits until a journal write covers it. One waiting writer at a time writes the buffer (everything
 * appended so far) to the segment, and, if {@code fsync} is set, forces it to the disk; the writers that queued
 * meanwhile find theirs already covered or write the next group.
 */
final class Journal implements AutoCloseable {

    private final Path dir;
    private final boolean fsync;
    private final StoreStats stats;
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final ReentrantLock committing = new ReentrantLock();
    private final AtomicLong applied = new AtomicLong();
    private volatile long durable;

    private final Object appendLock = new Object();
    private WriteBuffer pending = new WriteBuffer(1 << 16);
    private WriteBuffer spare = new WriteBuffer(1 << 16);

    private FileChannel segment;
    private long segmentNumber;
    private volatile long bytesSinceSnapshot;
    private volatile long snapshotBytes;

    private Journal(
            Path dir, boolean fsync, StoreStats stats, long firstSegment, long bytesSinceSnapshot, long snapshotBytes) {
        this.dir = dir;
        this.fsync = fsync;
        this.stats = stats;
        this.bytesSinceSnapshot = bytesSinceSnapshot;
        this.snapshotBytes = snapshotBytes;
        openSegment(firstSegment);
    }

    /**
     * Applies the newest snapshot and the journal after it to {@code target}, then opens a new segment for this run's
     * writes.
     */
    static Journal open(Path dir, boolean fsync, StoreStats stats, JournalRecord.Target target) {
        JournalFiles.Recovered recovered = JournalFiles.recover(dir, target);
        return new Journal(
                dir, fsync, stats, recovered.nextSegment(), recovered.replayedBytes(), recovered.snapshotBytes());
    }

    /** Whether the directory holds a journal or a snapshot (a store was kept there). */
    static boolean exists(Path dir) {
        return JournalFiles.newest(dir, JournalFiles.SNAPSHOT) >= 0
                || JournalFiles.newest(dir, JournalFiles.SEGMENT) >= 0;
    }

    boolean fsync() {
        return fsync;
    }

    // ---- records, appended by a change while it holds the gate (see write) ----

    void put(String namespace, Object id, byte[] document) {
        synchronized (appendLock) {
            int start = begin(JournalRecord.PUT, namespace);
            JournalRecord.IDS.write(pending, id);
            pending.putVarInt(document.length).put(document);
            end(start);
        }
    }

    void delete(String namespace, Object id) {
        synchronized (appendLock) {
            int start = begin(JournalRecord.DELETE, namespace);
            JournalRecord.IDS.write(pending, id);
            end(start);
        }
    }

    void drop(String namespace) {
        synchronized (appendLock) {
            end(begin(JournalRecord.DROP, namespace));
        }
    }

    void rename(String from, String to) {
        synchronized (appendLock) {
            int start = begin(JournalRecord.RENAME, from);
            JournalRecord.putString(pending, to);
            end(start);
        }
    }

    private int begin(byte op, String namespace) {
        int start = pending.position();
        pending.putInt(0).putInt(0).put(op);
        JournalRecord.putString(pending, namespace);
        return start;
    }

    private void end(int start) {
        JournalRecord.end(pending, start);
    }

    // ---- group commit ----

    /** Applies a change and returns once its records are written (a failed change too: it may have changed part). */
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
            awaitWritten(ticket);
        }
        return result;
    }

    private void awaitWritten(long ticket) {
        if (durable >= ticket) {
            return;
        }
        committing.lock();
        try {
            if (durable < ticket) {
                flush(); // a group write before did not cover it
            }
        } finally {
            committing.unlock();
        }
    }

    /** Writes every record appended so far; the caller holds {@code committing}. */
    private void flush() {
        long upTo = applied.get(); // every write up to this ticket appended all its records already
        WriteBuffer full;
        synchronized (appendLock) {
            full = pending;
            pending = spare;
        }
        try {
            ByteBuffer bytes = full.getBuffer();
            bytes.flip();
            long written = bytes.remaining();
            if (written > 0) {
                while (bytes.hasRemaining()) {
                    segment.write(bytes);
                }
                if (fsync) {
                    segment.force(false);
                    stats.syncs.increment();
                }
                bytesSinceSnapshot += written;
                stats.commits.increment();
            }
        } catch (IOException e) {
            // an acknowledged write must be in the journal: a store that cannot write it stops rather than lie
            System.out.println("store: the journal cannot be written, stopping: " + e);
            Runtime.getRuntime().halt(70);
        }
        full.clear();
        spare = full;
        durable = upTo;
    }

    /** Writes applied and not yet written to the journal (for tests). */
    long pending() {
        return applied.get() - durable;
    }

    /**
     * Holds back every journal write until the returned handle is closed, so writes pile up as one group (for tests:
     * a group made deterministic, not timed).
     */
    AutoCloseable holdCommits() {
        committing.lock();
        return committing::unlock;
    }

    // ---- snapshots ----

    /** Journal bytes a recovery would replay after the newest snapshot. */
    long bytesSinceSnapshot() {
        return bytesSinceSnapshot;
    }

    long snapshotBytes() {
        return snapshotBytes;
    }

    /**
     * Writes a snapshot: {@code cut} runs with no write half applied and every applied write in the journal, and
     * returns the documents as of that instant (iterated later, while writes go on: the maps' cursors read the
     * version they were opened on); the journal goes on in a new segment. Once the snapshot is on disk, the older
     * snapshot and segments are deleted.
     */
    void snapshot(Supplier<Map<String, Cursor<Object, byte[]>>> cut) {
        Map<String, Cursor<Object, byte[]>> documents;
        long number;
        committing.lock();
        try {
            gate.writeLock().lock();
            try {
                flush();
                number = segmentNumber + 1;
                openSegment(number);
                bytesSinceSnapshot = 0;
                documents = cut.get();
            } finally {
                gate.writeLock().unlock();
            }
        } finally {
            committing.unlock();
        }
        try {
            snapshotBytes = JournalFiles.writeSnapshot(dir, number, documents);
        } catch (IOException e) {
            System.out.println("store: snapshot " + number + " failed, the journal is kept: " + e);
            return;
        }
        JournalFiles.deleteOlderThan(dir, number);
    }

    /** Journal plus snapshot bytes on disk. */
    long diskBytes() {
        return JournalFiles.diskBytes(dir);
    }

    @Override
    public void close() {
        committing.lock();
        try {
            gate.writeLock().lock();
            try {
                if (!segment.isOpen()) {
                    return;
                }
                flush();
                segment.force(false);
                segment.close();
            } finally {
                gate.writeLock().unlock();
            }
        } catch (IOException e) {
            System.out.println("store: closing the journal: " + e);
        } finally {
            committing.unlock();
        }
    }

    private void openSegment(long number) {
        try {
            if (segment != null) {
                segment.close();
            }
            segment = FileChannel.open(
                    dir.resolve(JournalFiles.segmentName(number)),
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            segmentNumber = number;
            if (fsync) {
                JournalFiles.syncDirectory(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the store cannot open a journal segment in " + dir, e);
        }
    }
}
