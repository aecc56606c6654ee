package dev.ordersaga.support.kafka;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A W3C trace context ({@code traceparent}: version-traceid-parentid-flags). Each hop keeps the
 * trace id and starts a child span, so one order's saga is one trace across all services.
 */
public record TraceParent(String traceId, String spanId, String flags) {

    private static final Pattern FORMAT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    public static TraceParent newRoot() {
        return new TraceParent(randomHex(16), randomHex(8), "01");
    }

    /** Parses a header value; an absent or malformed one starts a new trace. */
    public static TraceParent parseOrNew(String header) {
        if (header != null) {
            var match = FORMAT.matcher(header.trim());
            if (match.matches() && !match.group(1).equals("0".repeat(32))) {
                return new TraceParent(match.group(1), match.group(2), match.group(3));
            }
        }
        return newRoot();
    }

    public TraceParent child() {
        return new TraceParent(traceId, randomHex(8), flags);
    }

    public String header() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
