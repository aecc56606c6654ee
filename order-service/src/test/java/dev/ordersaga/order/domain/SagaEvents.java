package dev.ordersaga.order.domain;

import dev.ordersaga.events.CustomerRejected;
import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderLine;
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
import java.util.List;
import java.util.UUID;

/** The events of one order's saga as the other services publish them, for unit tests. */
public final class SagaEvents {

    static final String CUSTOMER = "6849dd2562e5fa1c135a04fb";
    static final String PRODUCT_A = "6849dd2a5b6717b8055f93a9";
    static final String PRODUCT_B = "6849dd2b5b6717b8055f93aa";
    static final List<OrderLine> LINES = List.of(new OrderLine(PRODUCT_A, 1), new OrderLine(PRODUCT_B, 2));
    static final List<PricedLine> PRICED = List.of(
            new PricedLine(PRODUCT_A, 1, Money.of("19.99", "EUR")),
            new PricedLine(PRODUCT_B, 2, Money.of("5.00", "EUR")));
    static final Money TOTAL = Money.of("29.99", "EUR");

    final String orderId;
    final Instant at;

    SagaEvents(Instant at) {
        this(UUID.randomUUID().toString(), at);
    }

    /** The events of one order, each call a new event (a new id), all at {@code at}. */
    public SagaEvents(String orderId, Instant at) {
        this.orderId = orderId;
        this.at = at;
    }

    public OrderRequested requested(String hash) {
        return new OrderRequested(
                UUID.randomUUID(),
                orderId,
                at,
                "corr-1",
                CUSTOMER,
                "user-1",
                LINES,
                "credit_card",
                "123 Main St",
                "123 Main St",
                hash);
    }

    public CustomerValidated customerValidated() {
        return new CustomerValidated(UUID.randomUUID(), orderId, at, "corr-1", CUSTOMER, LINES, "credit_card");
    }

    public CustomerRejected customerRejected() {
        return new CustomerRejected(
                UUID.randomUUID(), orderId, at, "corr-1", CUSTOMER, ReasonCode.CUSTOMER_INACTIVE, "inactive");
    }

    public StockReserved stockReserved() {
        return new StockReserved(UUID.randomUUID(), orderId, at, "corr-1", PRICED, TOTAL, CUSTOMER, "credit_card");
    }

    public StockRejected stockRejected() {
        return new StockRejected(
                UUID.randomUUID(),
                orderId,
                at,
                "corr-1",
                ReasonCode.INSUFFICIENT_STOCK,
                List.of(PRODUCT_B),
                "only 1 left");
    }

    public StockReleased stockReleased() {
        return new StockReleased(UUID.randomUUID(), orderId, at, "corr-1", LINES, ReasonCode.PAYMENT_DECLINED);
    }

    public StockCommitted stockCommitted() {
        return new StockCommitted(UUID.randomUUID(), orderId, at, "corr-1", LINES);
    }

    public PaymentCompleted paymentCompleted() {
        return new PaymentCompleted(UUID.randomUUID(), orderId, at, "corr-1", "pay-1", TOTAL, "credit_card");
    }

    public PaymentFailed paymentFailed() {
        return new PaymentFailed(
                UUID.randomUUID(), orderId, at, "corr-1", "pay-1", TOTAL, ReasonCode.PAYMENT_DECLINED, "test card");
    }

    public PaymentRefunded paymentRefunded() {
        return new PaymentRefunded(UUID.randomUUID(), orderId, at, "corr-1", "pay-1", TOTAL);
    }
}
