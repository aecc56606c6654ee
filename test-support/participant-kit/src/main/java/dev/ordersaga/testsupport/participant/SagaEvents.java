package dev.ordersaga.testsupport.participant;

import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderCancelled;
import dev.ordersaga.events.OrderConfirmed;
import dev.ordersaga.events.OrderLine;
import dev.ordersaga.events.OrderRejected;
import dev.ordersaga.events.OrderRequested;
import dev.ordersaga.events.PaymentFailed;
import dev.ordersaga.events.PricedLine;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.StockRejected;
import dev.ordersaga.events.StockReserved;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The saga's events as their producers make them, for tests that give a participant its inputs.
 * Each call is a new event (a new event id); deliver the same instance again for a redelivery. The
 * correlation id is {@code "corr-" + orderId}, as the gateway sets it.
 */
public final class SagaEvents {

    /** A product id in the inventory's form (24 hex digits). */
    public static final String PRODUCT = "6849dd2a5b6717b8055f93a9";

    private SagaEvents() {}

    public static OrderRequested orderRequested(String orderId, String customerId, List<OrderLine> lines) {
        return new OrderRequested(
                UUID.randomUUID(),
                orderId,
                now(),
                corr(orderId),
                customerId,
                "user-" + customerId,
                lines,
                "credit_card",
                "1 Main St",
                "1 Main St",
                "hash-" + orderId);
    }

    public static CustomerValidated customerValidated(String orderId, String customerId, List<OrderLine> lines) {
        return new CustomerValidated(
                UUID.randomUUID(), orderId, now(), corr(orderId), customerId, lines, "credit_card");
    }

    /** One line of quantity 1 whose total is {@code total} EUR. */
    public static StockReserved stockReserved(String orderId, String customerId, String method, String total) {
        Money amount = Money.of(total, "EUR");
        return new StockReserved(
                UUID.randomUUID(),
                orderId,
                now(),
                corr(orderId),
                List.of(new PricedLine(PRODUCT, 1, amount)),
                amount,
                customerId,
                method);
    }

    public static StockRejected stockRejected(String orderId, ReasonCode reason) {
        return new StockRejected(
                UUID.randomUUID(), orderId, now(), corr(orderId), reason, List.of(PRODUCT), "decided by inventory");
    }

    public static PaymentFailed paymentFailed(String orderId, ReasonCode reason) {
        return new PaymentFailed(
                UUID.randomUUID(),
                orderId,
                now(),
                corr(orderId),
                UUID.randomUUID().toString(),
                Money.of("12.50", "EUR"),
                reason,
                "decided by payment");
    }

    public static OrderConfirmed orderConfirmed(String orderId, String customerId, List<PricedLine> lines) {
        Money total = lines.stream()
                .map(line -> line.unitPrice().times(line.quantity()))
                .reduce(Money::plus)
                .orElseThrow();
        return new OrderConfirmed(
                UUID.randomUUID(),
                orderId,
                now(),
                corr(orderId),
                customerId,
                lines,
                total,
                UUID.randomUUID().toString());
    }

    public static OrderRejected orderRejected(String orderId, ReasonCode reason) {
        return new OrderRejected(UUID.randomUUID(), orderId, now(), corr(orderId), reason, "decided by order-service");
    }

    public static OrderCancelled orderCancelled(String orderId, ReasonCode reason) {
        return new OrderCancelled(UUID.randomUUID(), orderId, now(), corr(orderId), reason, "decided by order-service");
    }

    /** A fresh order id in the gateway's form (a UUID). */
    public static String newOrderId() {
        return UUID.randomUUID().toString();
    }

    /** A fresh customer id in the customer-service form (24 hex digits). */
    public static String newCustomerId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    private static String corr(String orderId) {
        return "corr-" + orderId;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
