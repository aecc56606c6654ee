package dev.ordersaga.localstack.store;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Documents and values as BSON bytes, with the codec the wire protocol already uses: what a client sent is stored
 * as it arrived (the same types: an int32 stays an int32, a date a date) and read back without Java serialization.
 */
final class Bson {

    private Bson() {}

    static byte[] encode(Document document) {
        ByteBuf buffer = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } finally {
            buffer.release();
        }
    }

    static Document decode(byte[] bytes) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
    }

    /** One value (an _id, an index key's field) inside a one-field document; a missing value is stored as null. */
    static byte[] encodeValues(List<Object> values) {
        List<Object> plain = new ArrayList<>(values.size());
        for (Object value : values) {
            plain.add(Missing.isNullOrMissing(value) ? null : value);
        }
        return encode(new Document("v", plain));
    }

    @SuppressWarnings("unchecked")
    static List<Object> decodeValues(byte[] bytes) {
        return (List<Object>) decode(bytes).get("v");
    }
}
