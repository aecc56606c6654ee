package dev.ordersaga.events;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An event schema's version, {@code MAJOR.MINOR} on the wire (see {@link EventVersion}). */
public record SchemaVersion(int major, int minor) implements Comparable<SchemaVersion> {

    /** What an event without {@code schema_version} is: every event written before versions existed. */
    public static final SchemaVersion FIRST = new SchemaVersion(1, 0);

    private static final Pattern WIRE = Pattern.compile("([1-9][0-9]{0,5})\\.([0-9]{1,6})");

    public SchemaVersion {
        if (major < 1 || minor < 0) {
            throw new IllegalArgumentException("no such schema version " + major + "." + minor);
        }
    }

    /** Parses {@code MAJOR.MINOR}. */
    public static SchemaVersion parse(String text) {
        Matcher matcher = WIRE.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("schema_version '" + text + "' is not MAJOR.MINOR");
        }
        return new SchemaVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    @Override
    public int compareTo(SchemaVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
