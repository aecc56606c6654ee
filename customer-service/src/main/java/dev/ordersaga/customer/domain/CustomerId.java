package dev.ordersaga.customer.domain;

import java.util.regex.Pattern;

/**
 * A customer id in ObjectId form (24 lowercase hex digits). Path variables bind to this type, so a
 * value that is not an id (an operator such as {@code {"$ne":1}}, a query fragment) is refused
 * with a 400 before anything reaches MongoDB.
 */
public record CustomerId(String value) {

    /** The one definition of the id form; request DTOs validate against the same expression. */
    public static final String PATTERN = "^[0-9a-f]{24}$";

    private static final Pattern FORM = Pattern.compile(PATTERN);

    public CustomerId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a customer id (24 lowercase hex digits)");
        }
    }

    /** Used by Spring's conversion service to bind {@code @PathVariable CustomerId}. */
    public static CustomerId valueOf(String value) {
        return new CustomerId(value);
    }

    public static boolean isValid(String value) {
        return value != null && FORM.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
