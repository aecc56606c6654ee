package dev.ordersaga.localstack.store;

import de.bwaldvogel.mongo.backend.Missing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;

/**
 * The journal's record: {@code [length][CRC-32C][payload]}, the payload an operation ({@link #PUT}, {@link #DELETE},
 * {@link #DROP}, {@link #RENAME}), the collection and what the operation needs. Written by {@link Journal} (segments
 * and snapshots alike), read back by {@link #replay} at recovery.
 */
final class JournalRecord {

    static final byte PUT = 1;
    static final byte DELETE = 2;
    static final byte DROP = 3;
    static final byte RENAME = 4;

    static final KeyType IDS = KeyType.ids();

    private JournalRecord() {}

    /** What recovery applies the records to (the store's in-memory documents). */
    interface Target {
        void put(String namespace, Object id, byte[] document);

        void delete(String namespace, Object id);

        void drop(String namespace);

        void rename(String from, String to);
    }

    static void end(WriteBuffer buffer, int start) {
        int length = buffer.position() - start - 8;
        CRC32C crc = new CRC32C();
        ByteBuffer bytes = buffer.getBuffer().duplicate();
        bytes.position(start + 8).limit(start + 8 + length);
        crc.update(bytes);
        buffer.putInt(start, length).putInt(start + 4, (int) crc.getValue());
    }

    static void putString(WriteBuffer buffer, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        buffer.putVarInt(bytes.length).put(bytes);
    }

    static void drain(WriteBuffer buffer, FileChannel out) throws IOException {
        ByteBuffer bytes = buffer.getBuffer();
        bytes.flip();
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
        buffer.clear();
    }

    /** Applies a file's records until its end or the first record cut short or damaged. */
    static void replay(Path file, Target target) throws IOException {
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
}
