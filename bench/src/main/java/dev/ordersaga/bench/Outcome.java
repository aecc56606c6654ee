package dev.ordersaga.bench;

/** What one create_order request ended in, as the client saw it. */
public enum Outcome {
    CONFIRMED,
    PAYMENT_DECLINED,
    OUT_OF_STOCK,
    BAD_REQUEST,
    TIMEOUT_504,
    /** 429: the buyer's own order rate is used up (the gateway's per-user limit). */
    RATE_LIMITED_429,
    /**
     * Any 503: mostly the gateway shedding the request because the saga was behind ({@code
     * OVERLOADED}), but also {@code NOT_READY} (a gateway starting), {@code ORDER_NOT_ACCEPTED} (the
     * broker refused the request), {@code PIPELINE_UNAVAILABLE} (the broker down or frozen: nothing
     * was sent) and {@code AUTH_UNAVAILABLE} (a token that cannot be checked);
     * {@link UnexpectedAnswers} tells them apart.
     */
    SHED_503,
    /** A 4xx none of the above: what it was is in {@link UnexpectedAnswers}. */
    OTHER_4XX,
    /** A 5xx but 503 and 504: what it was is in {@link UnexpectedAnswers}. */
    SERVER_ERROR,
    CONNECTION_ERROR;

    public static Outcome of(int status) {
        return switch (status) {
            case 201 -> CONFIRMED;
            case 402 -> PAYMENT_DECLINED;
            case 409 -> OUT_OF_STOCK;
            case 400 -> BAD_REQUEST;
            case 504 -> TIMEOUT_504;
            case 429 -> RATE_LIMITED_429;
            case 503 -> SHED_503;
            default -> status >= 500 ? SERVER_ERROR : OTHER_4XX;
        };
    }

    /**
     * A failure the report must show: the system did not answer properly. A shed request (503)
     * or a rate-limited one (429) is an answer, counted on its own line, not a failure.
     */
    public boolean failure() {
        return this == SERVER_ERROR || this == CONNECTION_ERROR;
    }
}
