package dev.ordersaga.localstack.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.WriteBuffer;

/**
 * The journal's files in the data directory: {@code journal-N.log} segments and {@code snapshot-N.bin} snapshots,
 * numbered in order.
 */
final class JournalFiles {

    static final Pattern SEGMENT = Pattern.compile("journal-(\\d+)\\.log");
    static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d+)\\.bin");

    private JournalFiles() {}

    static String segmentName(long number) {
        return String.format("journal-%010d.log", number);
    }

    static String snapshotName(long number) {
        return String.format("snapshot-%010d.bin", number);
    }

    static long newest(Path dir, Pattern pattern) {
        List<Long> numbers = numbers(dir, pattern);
        return numbers.isEmpty() ? -1 : numbers.get(numbers.size() - 1);
    }

    static List<Long> numbers(Path dir, Pattern pattern) {
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

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.out.println("store: cannot delete " + file + ": " + e);
        }
    }

    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    /**
     * Writes every document of {@code documents} as snapshot {@code number} (a temporary file moved into place once
     * forced to the disk); returns its size.
     */
    static long writeSnapshot(Path dir, long number, Map<String, Cursor<Object, byte[]>> documents) throws IOException {
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
                    buffer.putInt(0).putInt(0).put(JournalRecord.PUT);
                    JournalRecord.putString(buffer, collection.getKey());
                    JournalRecord.IDS.write(buffer, id);
                    buffer.putVarInt(document.length).put(document);
                    JournalRecord.end(buffer, start);
                    if (buffer.position() > (1 << 20)) {
                        JournalRecord.drain(buffer, out);
                    }
                }
            }
            JournalRecord.drain(buffer, out);
            out.force(true);
            Files.move(tmp, dir.resolve(snapshotName(number)), StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(dir);
            return Files.size(dir.resolve(snapshotName(number)));
        }
    }

    /** Deletes the snapshots and segments before {@code number}: snapshot {@code number} holds what they did. */
    static void deleteOlderThan(Path dir, long number) {
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

    /** Journal plus snapshot bytes on disk. */
    static long diskBytes(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * What recovery found: the number of this run's first segment, the journal bytes replayed after the snapshot, the
     * snapshot's size.
     */
    record Recovered(long nextSegment, long replayedBytes, long snapshotBytes) {}

    /** Applies the newest snapshot and the segments from its number on, in order, to {@code target}. */
    static Recovered recover(Path dir, JournalRecord.Target target) {
        try {
            Files.createDirectories(dir);
            long snapshot = newest(dir, SNAPSHOT);
            long snapshotBytes = 0;
            if (snapshot >= 0) {
                Path file = dir.resolve(snapshotName(snapshot));
                snapshotBytes = Files.size(file);
                JournalRecord.replay(file, target);
            }
            long replayed = 0;
            long last = Math.max(snapshot, 0);
            for (long number : numbers(dir, SEGMENT)) {
                if (number >= snapshot) {
                    Path file = dir.resolve(segmentName(number));
                    replayed += Files.size(file);
                    JournalRecord.replay(file, target);
                }
                last = Math.max(last, number);
            }
            return new Recovered(last + 1, replayed, snapshotBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("the store's journal in " + dir + " cannot be read", e);
        }
    }
}
