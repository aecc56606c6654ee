package dev.ordersaga.testsupport.participant;

import dev.ordersaga.events.CustomerRejected;
import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderCancelled;
import dev.ordersaga.events.OrderConfirmed;
import dev.ordersaga.events.OrderLine;
import dev.ordersaga.events.OrderRejected;
import dev.ordersaga.events.OrderRequested;
import dev.ordersaga.events.PaymentCompleted;
import dev.ordersaga.events.PaymentFailed;
import dev.ordersaga.events.PaymentRefunded;
import dev.ordersaga.events.PricedLine;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.StockCommitted;
import dev.ordersaga.events.StockRejected;
import dev.ordersaga.events.StockReleased;
import dev.ordersaga.events.StockReserved;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The saga's events as their producers make them, for tests that give a participant its inputs.
 * Each call is a new event (a new event id); deliver the same instance again for a redelivery. The
 * correlation id is {@code "corr-" + orderId}, as the gateway sets it.
 *
 * <p>For a participant that hears every step of one order (order-service), {@link #oneOrder} gives
 * the whole saga of one order with the same lines, total, customer and time throughout: {@link
 * #LINES} as requested, {@link #PRICED} and {@link #TOTAL} as reserved. {@link SagaScript} writes
 * the same order as JSON.
 */
public final class SagaEvents {

    /** A product id in the inventory's form (24 hex digits). */
    public static final String PRODUCT = "6849dd2a5b6717b8055f93a9";

    /** A second product, for orders of two lines. */
    public static final String PRODUCT_B = "6849dd2b5b6717b8055f93aa";

    /** The lines of {@link #oneOrder}'s order: one of {@link #PRODUCT}, two of {@link #PRODUCT_B}. */
    public static final List<OrderLine> LINES = List.of(new OrderLine(PRODUCT, 1), new OrderLine(PRODUCT_B, 2));

    /** {@link #LINES} as inventory prices them: 19.99 and 5.00 EUR a piece. */
    public static final List<PricedLine> PRICED = List.of(
            new PricedLine(PRODUCT, 1, Money.of("19.99", "EUR")),
            new PricedLine(PRODUCT_B, 2, Money.of("5.00", "EUR")));

    /** The total of {@link #PRICED}. */
    public static final Money TOTAL = Money.of("29.99", "EUR");

    /** The shipping and billing address of {@link #oneOrder}'s order. */
    public static final String ADDRESS = "123 Main St, City, State 12345";

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

    /** The saga of one new order, of a new customer, every event stamped {@code at}. */
    public static OneOrder oneOrder(Instant at) {
        return oneOrder(newOrderId(), at);
    }

    /** The saga of this order, of a new customer, every event stamped {@code at}. */
    public static OneOrder oneOrder(String orderId, Instant at) {
        return new OneOrder(orderId, newCustomerId(), at);
    }

    /**
     * The events of one order's saga as the other services publish them: {@link #LINES}, priced as
     * {@link #PRICED} for {@link #TOTAL}, paid with {@code "credit_card"} as payment {@code "pay-" +
     * orderId}, all stamped {@code at}. Each call is a new event (a new event id).
     */
    public record OneOrder(String orderId, String customerId, Instant at) {

        public OrderRequested orderRequested(String requestHash) {
            return new OrderRequested(
                    UUID.randomUUID(),
                    orderId,
                    at,
                    corr(orderId),
                    customerId,
                    "user-" + customerId,
                    LINES,
                    "credit_card",
                    ADDRESS,
                    ADDRESS,
                    requestHash);
        }

        public CustomerValidated customerValidated() {
            return new CustomerValidated(
                    UUID.randomUUID(), orderId, at, corr(orderId), customerId, LINES, "credit_card");
        }

        public CustomerRejected customerRejected() {
            return new CustomerRejected(
                    UUID.randomUUID(),
                    orderId,
                    at,
                    corr(orderId),
                    customerId,
                    ReasonCode.CUSTOMER_INACTIVE,
                    "Customer " + customerId + " is inactive.");
        }

        public StockReserved stockReserved() {
            return new StockReserved(
                    UUID.randomUUID(), orderId, at, corr(orderId), PRICED, TOTAL, customerId, "credit_card");
        }

        public StockRejected stockRejected() {
            return new StockRejected(
                    UUID.randomUUID(),
                    orderId,
                    at,
                    corr(orderId),
                    ReasonCode.INSUFFICIENT_STOCK,
                    List.of(PRODUCT_B),
                    "Only 1 left.");
        }

        public StockReleased stockReleased() {
            return new StockReleased(UUID.randomUUID(), orderId, at, corr(orderId), LINES, ReasonCode.PAYMENT_DECLINED);
        }

        public StockCommitted stockCommitted() {
            return new StockCommitted(UUID.randomUUID(), orderId, at, corr(orderId), LINES);
        }

        public PaymentCompleted paymentCompleted() {
            return new PaymentCompleted(
                    UUID.randomUUID(), orderId, at, corr(orderId), paymentId(), TOTAL, "credit_card");
        }

        public PaymentFailed paymentFailed() {
            return new PaymentFailed(
                    UUID.randomUUID(),
                    orderId,
                    at,
                    corr(orderId),
                    paymentId(),
                    TOTAL,
                    ReasonCode.PAYMENT_DECLINED,
                    "Declined by the test card.");
        }

        public PaymentRefunded paymentRefunded() {
            return new PaymentRefunded(UUID.randomUUID(), orderId, at, corr(orderId), paymentId(), TOTAL);
        }

        /** The payment's id, as payment-service gives it in this script. */
        public String paymentId() {
            return "pay-" + orderId;
        }
    }

    private static String corr(String orderId) {
        return "corr-" + orderId;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
