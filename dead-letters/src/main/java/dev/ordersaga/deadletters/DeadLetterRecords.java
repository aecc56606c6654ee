package dev.ordersaga.deadletters;

import dev.ordersaga.events.EventHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a dead-lettered record reads: its event type (from the header, else from its JSON), the error and the
 * origin Spring Kafka's recoverer wrote into its {@code kafka_dlt-*} headers, and whether it was re-driven.
 */
final class DeadLetterRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DeadLetterRecords() {}

    static DeadLetter view(ConsumerRecord<byte[], byte[]> record, Ledger ledger) {
        String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        String type = header(record, EventHeaders.TYPE);
        if (type == null) {
            type = typeOf(value);
        }
        String error = header(record, DeadLetters.DLT_HEADER_PREFIX + "exception-fqcn");
        String message = header(record, DeadLetters.DLT_HEADER_PREFIX + "exception-message");
        String originTopic = header(record, DeadLetters.DLT_HEADER_PREFIX + "original-topic");
        String origin = (originTopic == null ? DeadLetters.originOf(record.topic()) : originTopic) + "-"
                + orDash(header(record, DeadLetters.DLT_HEADER_PREFIX + "original-partition")) + "@"
                + orDash(header(record, DeadLetters.DLT_HEADER_PREFIX + "original-offset"));
        return new DeadLetter(
                new RecordRef(record.topic(), record.partition(), record.offset()),
                Instant.ofEpochMilli(record.timestamp()),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                type,
                error == null ? null : error.substring(error.lastIndexOf('.') + 1),
                message == null ? null : shorten(message),
                origin,
                ledger != null && ledger.done(record.offset()),
                value);
    }

    private static String typeOf(String json) {
        try {
            JsonNode event = JSON.readTree(json);
            JsonNode type = event == null ? null : event.get("type");
            return type == null || !type.isString() ? null : type.asString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String orDash(String text) {
        return text == null ? "?" : text;
    }

    private static String shorten(String message) {
        String oneLine = message.replaceAll("\\s+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        byte[] value = header.value();
        // Spring writes the original partition and offset as binary numbers
        if (name.endsWith("original-partition") && value.length == 4) {
            return Integer.toString(ByteBuffer.wrap(value).getInt());
        }
        if (name.endsWith("original-offset") && value.length == 8) {
            return Long.toString(ByteBuffer.wrap(value).getLong());
        }
        return new String(value, StandardCharsets.UTF_8);
    }
}
