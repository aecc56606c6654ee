package dev.ordersaga.localstack.store;

import de.bwaldvogel.mongo.backend.Missing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
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

    private static final byte PUT = 1;
    private static final byte DELETE = 2;
    private static final byte DROP = 3;
    private static final byte RENAME = 4;

    private static final Pattern SEGMENT = Pattern.compile("journal-(\\d+)\\.log");
    private static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d+)\\.bin");
    private static final KeyType IDS = KeyType.ids();

    /** What recovery applies the records to (the store's in-memory documents). */
    interface Target {
        void put(String namespace, Object id, byte[] document);

        void delete(String namespace, Object id);

        void drop(String namespace);

        void rename(String from, String to);
    }

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
     * writes. Returns the journal and whether there was anything to recover.
     */
    static Journal open(Path dir, boolean fsync, StoreStats stats, Target target) {
        try {
            Files.createDirectories(dir);
            long snapshot = newest(dir, SNAPSHOT);
            long snapshotBytes = 0;
            if (snapshot >= 0) {
                Path file = dir.resolve(snapshotName(snapshot));
                snapshotBytes = Files.size(file);
                replay(file, target);
            }
            long replayed = 0;
            long last = Math.max(snapshot, 0);
            for (long number : numbers(dir, SEGMENT)) {
                if (number >= snapshot) {
                    Path file = dir.resolve(segmentName(number));
                    replayed += Files.size(file);
                    replay(file, target);
                }
                last = Math.max(last, number);
            }
            return new Journal(dir, fsync, stats, last + 1, replayed, snapshotBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("the store's journal in " + dir + " cannot be read", e);
        }
    }

    /** Whether the directory holds a journal or a snapshot (a store was kept there). */
    static boolean exists(Path dir) {
        return newest(dir, SNAPSHOT) >= 0 || newest(dir, SEGMENT) >= 0;
    }

    boolean fsync() {
        return fsync;
    }

    // ---- records, appended by a change while it holds the gate (see write) ----

    void put(String namespace, Object id, byte[] document) {
        synchronized (appendLock) {
            int start = begin(PUT, namespace);
            IDS.write(pending, id);
            pending.putVarInt(document.length).put(document);
            end(start);
        }
    }

    void delete(String namespace, Object id) {
        synchronized (appendLock) {
            int start = begin(DELETE, namespace);
            IDS.write(pending, id);
            end(start);
        }
    }

    void drop(String namespace) {
        synchronized (appendLock) {
            end(begin(DROP, namespace));
        }
    }

    void rename(String from, String to) {
        synchronized (appendLock) {
            int start = begin(RENAME, from);
            putString(pending, to);
            end(start);
        }
    }

    private int begin(byte op, String namespace) {
        int start = pending.position();
        pending.putInt(0).putInt(0).put(op);
        putString(pending, namespace);
        return start;
    }

    private void end(int start) {
        end(pending, start);
    }

    private static void end(WriteBuffer buffer, int start) {
        int length = buffer.position() - start - 8;
        CRC32C crc = new CRC32C();
        ByteBuffer bytes = buffer.getBuffer().duplicate();
        bytes.position(start + 8).limit(start + 8 + length);
        crc.update(bytes);
        buffer.putInt(start, length).putInt(start + 4, (int) crc.getValue());
    }

    private static void putString(WriteBuffer buffer, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        buffer.putVarInt(bytes.length).put(bytes);
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
        Path tmp = dir.resolve(snapshotName(number) + ".tmp");
        try (FileChannel out = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            WriteBuffer buffer = new WriteBuffer(1 << 20);
            for (var collection : documents.entrySet()) {
                Cursor<Object, byte[]> cursor = collection.getValue();
                while (cursor.hasNext()) {
                    Object id = cursor.next();
                    byte[] document = cursor.getValue();
                    int start = buffer.position();
                    buffer.putInt(0).putInt(0).put(PUT);
                    putString(buffer, collection.getKey());
                    IDS.write(buffer, id);
                    buffer.putVarInt(document.length).put(document);
                    end(buffer, start);
                    if (buffer.position() > (1 << 20)) {
                        drain(buffer, out);
                    }
                }
            }
            drain(buffer, out);
            out.force(true);
            Files.move(tmp, dir.resolve(snapshotName(number)), StandardCopyOption.ATOMIC_MOVE);
            syncDirectory();
            snapshotBytes = Files.size(dir.resolve(snapshotName(number)));
        } catch (IOException e) {
            System.out.println("store: snapshot " + number + " failed, the journal is kept: " + e);
            return;
        }
        for (long old : numbers(dir, SNAPSHOT)) {
            if (old < number) {
                deleteQuietly(dir.resolve(snapshotName(old)));
            }
        }
        for (long old : numbers(dir, SEGMENT)) {
            if (old < number) {
                deleteQuietly(dir.resolve(segmentName(old)));
            }
        }
    }

    private static void drain(WriteBuffer buffer, FileChannel out) throws IOException {
        ByteBuffer bytes = buffer.getBuffer();
        bytes.flip();
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
        buffer.clear();
    }

    /** Journal plus snapshot bytes on disk. */
    long diskBytes() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
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

    // ---- files ----

    private void openSegment(long number) {
        try {
            if (segment != null) {
                segment.close();
            }
            segment = FileChannel.open(
                    dir.resolve(segmentName(number)), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            segmentNumber = number;
            if (fsync) {
                syncDirectory();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the store cannot open a journal segment in " + dir, e);
        }
    }

    private void syncDirectory() throws IOException {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    /** Applies a file's records until its end or the first record cut short or damaged. */
    private static void replay(Path file, Target target) throws IOException {
        ByteBuffer bytes;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            bytes = in.map(FileChannel.MapMode.READ_ONLY, 0, in.size());
        }
        long records = 0;
        while (bytes.remaining() >= 8) {
            int start = bytes.position();
            int length = bytes.getInt();
            int checksum = bytes.getInt();
            if (length <= 0 || length > bytes.remaining()) {
                break;
            }
            ByteBuffer payload = bytes.slice(start + 8, length);
            CRC32C crc = new CRC32C();
            crc.update(payload.duplicate());
            if ((int) crc.getValue() != checksum) {
                break;
            }
            apply(payload, target);
            bytes.position(start + 8 + length);
            records++;
        }
        if (bytes.hasRemaining()) {
            System.out.printf(
                    "store: %s ends with %d bytes of a record cut short (a write never acknowledged), ignored%n",
                    file.getFileName(), bytes.remaining());
        }
        System.out.printf("store: %d records of %s applied%n", records, file.getFileName());
    }

    private static void apply(ByteBuffer payload, Target target) {
        byte op = payload.get();
        String namespace = readString(payload);
        switch (op) {
            case PUT -> {
                Object id = Missing.ofNullable(IDS.read(payload));
                byte[] document = new byte[DataUtils.readVarInt(payload)];
                payload.get(document);
                target.put(namespace, id, document);
            }
            case DELETE -> target.delete(namespace, Missing.ofNullable(IDS.read(payload)));
            case DROP -> target.drop(namespace);
            case RENAME -> target.rename(namespace, readString(payload));
            default -> throw new IllegalStateException("unknown journal record " + op);
        }
    }

    private static String readString(ByteBuffer buffer) {
        byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String segmentName(long number) {
        return String.format("journal-%010d.log", number);
    }

    private static String snapshotName(long number) {
        return String.format("snapshot-%010d.bin", number);
    }

    private static long newest(Path dir, Pattern pattern) {
        List<Long> numbers = numbers(dir, pattern);
        return numbers.isEmpty() ? -1 : numbers.get(numbers.size() - 1);
    }

    private static List<Long> numbers(Path dir, Pattern pattern) {
        List<Long> numbers = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return numbers;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(file -> {
                Matcher matcher = pattern.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    numbers.add(Long.parseLong(matcher.group(1)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        numbers.sort(null);
        return numbers;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.out.println("store: cannot delete " + file + ": " + e);
        }
    }
}
