package dev.ordersaga.bench;

/** What one create_order request ended in, as the client saw it. */
public enum Outcome {
    CONFIRMED,
    PAYMENT_DECLINED,
    OUT_OF_STOCK,
    BAD_REQUEST,
    TIMEOUT_504,
    OTHER_4XX,
    SERVER_ERROR,
    CONNECTION_ERROR;

    public static Outcome of(int status) {
        return switch (status) {
            case 201 -> CONFIRMED;
            case 402 -> PAYMENT_DECLINED;
            case 409 -> OUT_OF_STOCK;
            case 400 -> BAD_REQUEST;
            case 504 -> TIMEOUT_504;
            default -> status >= 500 ? SERVER_ERROR : OTHER_4XX;
        };
    }

    /** A failure the report must show: the system did not answer properly. */
    public boolean failure() {
        return this == SERVER_ERROR || this == CONNECTION_ERROR;
    }
}
