package dev.ordersaga.gateway.order;

import dev.ordersaga.events.OrderLine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Idempotency without a gateway database. The order id is derived from the caller and the
 * {@code Idempotency-Key} (a retry publishes the same order id again, and order-service keeps one
 * order per id); the request hash identifies what was asked, so order-service can tell a retry
 * (same hash) from a reuse of the key for another order (different hash → 422).
 */
public final class OrderIdentity {

    private OrderIdentity() {}

    /**
     * A name-based UUID of user id and key, or a random one without a key. Lengths are part of the
     * name so that ("ab", "c") and ("a", "bc") never collide.
     */
    public static String orderId(String userId, String idempotencyKey) {
        if (idempotencyKey == null) {
            return UUID.randomUUID().toString();
        }
        String name = "create_order:" + userId.length() + ":" + userId + ":" + idempotencyKey;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * SHA-256 (hex) of the canonical request: customer, lines sorted by product (their order does
     * not change what is ordered), payment method and addresses, each length-prefixed. Not the
     * token: a retry with a fresh token is the same request.
     */
    public static String requestHash(CreateOrderCommand command) {
        StringBuilder canonical = new StringBuilder("create_order/v1\n");
        field(canonical, "customer_id", command.customerId());
        canonical.append("lines=");
        command.lines().stream()
                .sorted(Comparator.comparing(OrderLine::productId))
                .forEach(line -> canonical
                        .append(line.productId())
                        .append('x')
                        .append(line.quantity())
                        .append(';'));
        canonical.append('\n');
        field(canonical, "payment_method", command.paymentMethod());
        field(canonical, "shipping_address", command.shippingAddress());
        field(canonical, "billing_address", command.billingAddress());
        return HexFormat.of().formatHex(sha256(canonical.toString()));
    }

    private static void field(StringBuilder canonical, String name, String value) {
        canonical
                .append(name)
                .append('=')
                .append(value.length())
                .append(':')
                .append(value)
                .append('\n');
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
