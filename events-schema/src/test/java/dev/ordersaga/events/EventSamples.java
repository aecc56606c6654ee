package dev.ordersaga.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One fully populated instance of every event, as a producer would publish it. */
final class EventSamples {

    static final String ORDER = "a1b2c3d4-0000-4000-8000-000000000001";
    static final String CUSTOMER = "6849dd2562e5fa1c135a04fb";
    static final String PRODUCT_A = "6849dd2a5b6717b8055f93a9";
    static final String PRODUCT_B = "6849dd2b5b6717b8055f93aa";
    static final Instant AT = Instant.parse("2026-11-24T10:15:30.123Z");
    static final String CORRELATION = "corr-42";

    private EventSamples() {}

    static List<Event> all() {
        var lines = List.of(new OrderLine(PRODUCT_A, 1), new OrderLine(PRODUCT_B, 2));
        var priced = List.of(
                new PricedLine(PRODUCT_A, 1, Money.of("19.99", "EUR")),
                new PricedLine(PRODUCT_B, 2, Money.of("5.00", "EUR")));
        var total = Money.of("29.99", "EUR");
        return List.of(
                new OrderRequested(
                        id(),
                        ORDER,
                        AT,
                        CORRELATION,
                        CUSTOMER,
                        "user-1",
                        lines,
                        "credit_card",
                        "123 Main St, City, State 12345",
                        "123 Main St, City, State 12345",
                        "sha256:abc"),
                new UserRegistered(id(), AT, CORRELATION, "user-1", "klea", "klea@example.com", "Klea", CUSTOMER),
                new CustomerValidated(id(), ORDER, AT, CORRELATION, CUSTOMER, lines, "credit_card"),
                new CustomerRejected(
                        id(), ORDER, AT, CORRELATION, CUSTOMER, ReasonCode.CUSTOMER_INACTIVE, "customer is inactive"),
                new StockReserved(id(), ORDER, AT, CORRELATION, priced, total, CUSTOMER, "credit_card"),
                new StockRejected(
                        id(), ORDER, AT, CORRELATION, ReasonCode.INSUFFICIENT_STOCK, List.of(PRODUCT_B), "only 1 left"),
                new StockReleased(id(), ORDER, AT, CORRELATION, lines, ReasonCode.PAYMENT_DECLINED),
                new StockCommitted(id(), ORDER, AT, CORRELATION, lines),
                new PaymentCompleted(id(), ORDER, AT, CORRELATION, "pay-1", total, "credit_card"),
                new PaymentFailed(
                        id(), ORDER, AT, CORRELATION, "pay-1", total, ReasonCode.PAYMENT_DECLINED, "test card"),
                new PaymentRefunded(id(), ORDER, AT, CORRELATION, "pay-1", total, "credit_card"),
                new OrderConfirmed(id(), ORDER, AT, CORRELATION, CUSTOMER, priced, total, "pay-1"),
                new OrderRejected(id(), ORDER, AT, CORRELATION, ReasonCode.PAYMENT_DECLINED, "test card"),
                new OrderCancelled(id(), ORDER, AT, CORRELATION, ReasonCode.SAGA_TIMEOUT, "deadline passed"),
                new OrderStatusChanged(
                        id(),
                        ORDER,
                        AT,
                        CORRELATION,
                        OrderStatus.CONFIRMED,
                        "PaymentCompleted",
                        null,
                        null,
                        List.of(),
                        CUSTOMER,
                        "sha256:abc",
                        priced,
                        total,
                        "pay-1",
                        AT,
                        AT));
    }

    private static UUID id() {
        return UUID.randomUUID();
    }
}
