package dev.ordersaga.configreaders;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the services' settings write them (Spring Boot's simple style): {@code 500ms}, {@code 3s}, {@code 1m}. */
public final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)");

    private Durations() {}

    /** @throws IllegalArgumentException if {@code text} is not a whole number with one of those units */
    public static Duration parse(String text) {
        Matcher m = SIMPLE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration like 500ms, 3s or 1m: " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
