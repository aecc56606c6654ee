package dev.ordersaga.gateway.reply;

import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.events.OrderStatusChanged;
import dev.ordersaga.events.PricedLine;
import dev.ordersaga.events.ReasonCode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Replies as order-service builds them, for unit tests. */
final class Replies {

    static final String CUSTOMER = "6849dd2562e5fa1c135a04fb";
    static final String P1 = "6849dd2a5b6717b8055f93a9";
    static final String P2 = "6849dd2b5b6717b8055f93aa";
    static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");

    private Replies() {}

    static OrderStatusChanged progress(String orderId, String hash, OrderStatus status, String lastStep) {
        return reply(orderId, hash, status, lastStep, null, List.of(), List.of(), null, null);
    }

    static OrderStatusChanged ended(
            String orderId, String hash, OrderStatus status, ReasonCode reason, List<String> productIds) {
        return reply(orderId, hash, status, "OrderRejected", reason, productIds, List.of(), null, null);
    }

    static OrderStatusChanged confirmed(String orderId, String hash) {
        List<PricedLine> lines = List.of(
                new PricedLine(P1, 1, Money.of("999.99", "EUR")), new PricedLine(P2, 2, Money.of("49.50", "EUR")));
        return reply(
                orderId,
                hash,
                OrderStatus.CONFIRMED,
                "PaymentCompleted",
                null,
                List.of(),
                lines,
                Money.of("1098.99", "EUR"),
                "pay-" + orderId);
    }

    static OrderStatusChanged reply(
            String orderId,
            String hash,
            OrderStatus status,
            String lastStep,
            ReasonCode reason,
            List<String> productIds,
            List<PricedLine> lines,
            Money total,
            String paymentId) {
        return new OrderStatusChanged(
                UUID.randomUUID(),
                orderId,
                CREATED.plusSeconds(1),
                "corr-" + orderId,
                status,
                lastStep,
                reason,
                null,
                productIds,
                CUSTOMER,
                hash,
                lines,
                total,
                paymentId,
                CREATED,
                CREATED.plusSeconds(1));
    }
}
