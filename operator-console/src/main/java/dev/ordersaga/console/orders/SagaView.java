package dev.ordersaga.console.orders;

import dev.ordersaga.console.shop.ShopViews.Order;
import dev.ordersaga.console.shop.ShopViews.TimelineEntry;
import dev.ordersaga.events.OrderStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * An order's saga read from order-service's timeline (which records every event the saga produced,
 * whoever produced it): the steps in time order, the compensations, the decision and what the
 * saga still waits for.
 *
 * <table>
 *   <caption>What a saga waits for</caption>
 *   <tr><th>order</th><th>waits for</th></tr>
 *   <tr><td>PENDING</td><td>customer-service: CustomerValidated or CustomerRejected</td></tr>
 *   <tr><td>CUSTOMER_VALIDATED</td><td>inventory-service: StockReserved or StockRejected</td></tr>
 *   <tr><td>STOCK_RESERVED</td><td>payment-service: PaymentCompleted or PaymentFailed</td></tr>
 *   <tr><td>PAYMENT_COMPLETED</td><td>order-service: its decision</td></tr>
 *   <tr><td>COMPENSATING</td><td>inventory-service: StockReleased</td></tr>
 *   <tr><td>CONFIRMED, no StockCommitted</td><td>inventory-service: StockCommitted</td></tr>
 *   <tr><td>REJECTED / CANCELLED, stock reserved, not released</td><td>inventory-service: StockReleased</td></tr>
 *   <tr><td>REJECTED / CANCELLED, payment captured, not refunded</td><td>payment-service: PaymentRefunded</td></tr>
 * </table>
 */
public record SagaView(
        Order order,
        List<TimelineEntry> steps,
        List<TimelineEntry> compensations,
        TimelineEntry decision,
        List<String> waitingFor) {

    static final Set<String> COMPENSATIONS = Set.of("StockReleased", "PaymentRefunded");
    static final Set<String> DECISIONS = Set.of("OrderConfirmed", "OrderRejected", "OrderCancelled");

    public static SagaView of(Order order) {
        List<TimelineEntry> steps = order.timeline().stream()
                .sorted(Comparator.comparing(TimelineEntry::at, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        List<TimelineEntry> compensations =
                steps.stream().filter(s -> COMPENSATIONS.contains(s.type())).toList();
        TimelineEntry decision = steps.stream()
                .filter(s -> DECISIONS.contains(s.type()))
                .findFirst()
                .orElse(null);
        return new SagaView(order, steps, compensations, decision, waitingFor(order, steps));
    }

    /** Not decided, or decided with acknowledgements missing: its page keeps refreshing. */
    public boolean running() {
        return !order.status().terminal() || !waitingFor.isEmpty();
    }

    public boolean compensation(TimelineEntry step) {
        return COMPENSATIONS.contains(step.type());
    }

    public boolean decisionStep(TimelineEntry step) {
        return DECISIONS.contains(step.type());
    }

    static List<String> waitingFor(Order order, List<TimelineEntry> steps) {
        Set<String> seen = new java.util.HashSet<>();
        steps.forEach(s -> seen.add(s.type()));
        return waitingFor(order.status(), seen);
    }

    /** What an order in {@code status} whose timeline holds the event types {@code seen} waits for. */
    public static List<String> waitingFor(OrderStatus status, Set<String> seen) {
        List<String> waits = new ArrayList<>();
        switch (status) {
            case PENDING -> waits.add("customer-service: CustomerValidated or CustomerRejected");
            case CUSTOMER_VALIDATED -> waits.add("inventory-service: StockReserved or StockRejected");
            case STOCK_RESERVED -> waits.add("payment-service: PaymentCompleted or PaymentFailed");
            case PAYMENT_COMPLETED -> waits.add("order-service: its decision");
            case COMPENSATING -> waits.add("inventory-service: StockReleased");
            case CONFIRMED -> {
                if (!seen.contains("StockCommitted")) {
                    waits.add("inventory-service: StockCommitted");
                }
            }
            case REJECTED, CANCELLED -> {
                if (seen.contains("StockReserved") && !seen.contains("StockReleased")) {
                    waits.add("inventory-service: StockReleased");
                }
                if (seen.contains("PaymentCompleted") && !seen.contains("PaymentRefunded")) {
                    waits.add("payment-service: PaymentRefunded");
                }
            }
        }
        return List.copyOf(waits);
    }
}
