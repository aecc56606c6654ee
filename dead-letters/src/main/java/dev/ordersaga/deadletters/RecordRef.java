package dev.ordersaga.deadletters;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one dead letter sits: its dead-letter topic, partition and offset. Its text form, {@code
 * order-events.DLT/0/12}, is what a form or a command line passes back to re-drive it.
 */
public record RecordRef(String topic, int partition, long offset) {

    private static final Pattern TEXT = Pattern.compile("([A-Za-z0-9._-]{1,200})/(\\d{1,5})/(\\d{1,19})");

    public RecordRef {
        if (topic == null || topic.isBlank() || partition < 0 || offset < 0) {
            throw new IllegalArgumentException("not a record reference: " + topic + "/" + partition + "/" + offset);
        }
    }

    /** Reads the text form; {@link IllegalArgumentException} for anything else. */
    public static RecordRef parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a record reference (topic/partition/offset): " + text);
        }
        return new RecordRef(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)));
    }

    public String text() {
        return topic + "/" + partition + "/" + offset;
    }

    @Override
    public String toString() {
        return text();
    }
}
