package dev.ordersaga.support.web;

/**
 * A rate limit said no: answered 429 with {@code Retry-After} (and {@code retry_after_seconds} in
 * the problem detail, for clients that do not read headers).
 */
public class TooManyRequestsException extends RuntimeException {

    private final String code;
    private final long retryAfterSeconds;

    public TooManyRequestsException(String code, String detail, long retryAfterSeconds) {
        super(detail);
        this.code = code;
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public String code() {
        return code;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
