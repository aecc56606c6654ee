package dev.ordersaga.support.web;

import java.io.IOException;

/**
 * A request body grew past {@link WebLimits#maxBodySize()} while it was read (a chunked body has
 * no Content-Length to refuse up front). An {@link IOException} so that whatever reads the body
 * (Jackson, the gateway's proxy) stops at once, as on a broken connection.
 */
public class PayloadTooLargeException extends IOException {

    private final long limit;

    public PayloadTooLargeException(long limit) {
        super("the request body exceeds " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** True if {@code e} or one of its causes is a body that was too large. */
    public static boolean causes(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
