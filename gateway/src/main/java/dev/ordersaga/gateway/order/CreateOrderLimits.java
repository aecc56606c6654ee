package dev.ordersaga.gateway.order;

/** The limits of a create_order request, stated in the README and in every 400 that cites them. */
public final class CreateOrderLimits {

    public static final int MAX_LINES = 50;
    public static final int MAX_QUANTITY = 1000;
    public static final int MAX_PAYMENT_METHOD_LENGTH = 40;
    public static final int MAX_ADDRESS_LENGTH = 200;
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 100;

    private CreateOrderLimits() {}
}
