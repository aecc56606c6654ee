package dev.ordersaga.order.domain;

import dev.ordersaga.events.CustomerRejected;
import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.OrderRequested;
import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.events.PaymentCompleted;
import dev.ordersaga.events.PaymentFailed;
import dev.ordersaga.events.PaymentRefunded;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.SagaEvent;
import dev.ordersaga.events.StockCommitted;
import dev.ordersaga.events.StockRejected;
import dev.ordersaga.events.StockReleased;
import dev.ordersaga.events.StockReserved;
import java.time.Instant;

/** The lines of an order's timeline: who said what, in words a person reads. */
final class TimelineText {

    static final String SERVICE = "order-service";

    private TimelineText() {}

    /** The entry of an event a service reported. */
    static TimelineEntry of(SagaEvent event) {
        return new TimelineEntry(event.type(), event.occurredAt(), serviceOf(event), describe(event));
    }

    /** The entry of the order's decision, taken by order-service at {@code now}. */
    static TimelineEntry decision(Order order, Instant now) {
        String type = switch (order.status()) {
            case CONFIRMED -> "OrderConfirmed";
            case REJECTED -> "OrderRejected";
            case CANCELLED -> "OrderCancelled";
            default -> throw new IllegalStateException(order.status() + " is not a decision");
        };
        String summary = order.status() == OrderStatus.CONFIRMED
                ? "confirmed, total " + order.total() + ", payment " + order.paymentId()
                : order.reason() + (order.detail() == null ? "" : ": " + order.detail());
        return new TimelineEntry(type, now, SERVICE, summary);
    }

    static String serviceOf(SagaEvent event) {
        return switch (event) {
            case OrderRequested e -> "gateway";
            case CustomerValidated e -> "customer-service";
            case CustomerRejected e -> "customer-service";
            case StockReserved e -> "inventory-service";
            case StockRejected e -> "inventory-service";
            case StockReleased e -> "inventory-service";
            case StockCommitted e -> "inventory-service";
            case PaymentCompleted e -> "payment-service";
            case PaymentFailed e -> "payment-service";
            case PaymentRefunded e -> "payment-service";
            default -> "unknown";
        };
    }

    static String describe(SagaEvent event) {
        return switch (event) {
            case OrderRequested e -> lineCount(e.lines().size()) + " requested, payment by " + e.paymentMethod();
            case CustomerValidated e -> "customer " + e.customerId() + " is active";
            case CustomerRejected e -> withDetail(e.reason(), e.detail());
            case StockReserved e -> lineCount(e.lines().size()) + " reserved, total " + e.total();
            case StockRejected e ->
                withDetail(e.reason(), e.detail())
                        + (e.productIds().isEmpty() ? "" : " (products " + String.join(", ", e.productIds()) + ")");
            case StockReleased e ->
                lineCount(e.lines().size()) + " released" + (e.reason() == null ? "" : " after " + e.reason());
            case StockCommitted e -> lineCount(e.lines().size()) + " sold";
            case PaymentCompleted e ->
                "payment " + e.paymentId() + " of " + e.amount() + " captured by " + e.paymentMethod();
            case PaymentFailed e ->
                "payment " + e.paymentId() + " of " + e.amount() + " failed: " + withDetail(e.reason(), e.detail());
            case PaymentRefunded e -> "payment " + e.paymentId() + " of " + e.amount() + " refunded";
            default -> event.type();
        };
    }

    private static String lineCount(int n) {
        return n == 1 ? "1 line" : n + " lines";
    }

    private static String withDetail(ReasonCode reason, String detail) {
        return detail == null || detail.isBlank() ? String.valueOf(reason) : reason + ": " + detail;
    }
}
