package dev.ordersaga.events;

/**
 * An event whose schema version this consumer does not read: a producer already writes a major
 * version this code was not built for (or one it no longer reads). The record is dead-lettered
 * with this message; deploy a consumer that reads the version, then re-drive the dead letters.
 */
public class UnsupportedEventVersionException extends IllegalArgumentException {

    private final String type;
    private final String version;

    public UnsupportedEventVersionException(String type, String version, String message) {
        super(message);
        this.type = type;
        this.version = version;
    }

    public String type() {
        return type;
    }

    public String version() {
        return version;
    }
}
