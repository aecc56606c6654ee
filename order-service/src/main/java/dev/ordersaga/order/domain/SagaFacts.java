package dev.ordersaga.order.domain;

import dev.ordersaga.events.CustomerRejected;
import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderRequested;
import dev.ordersaga.events.PaymentCompleted;
import dev.ordersaga.events.PaymentFailed;
import dev.ordersaga.events.PaymentRefunded;
import dev.ordersaga.events.PricedLine;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.SagaEvent;
import dev.ordersaga.events.StockCommitted;
import dev.ordersaga.events.StockRejected;
import dev.ordersaga.events.StockReleased;
import dev.ordersaga.events.StockReserved;
import java.util.List;

/**
 * What the saga's participants have told order-service about one order, whatever the order in
 * which their events arrived. Facts only accumulate; the order's status is a function of them
 * ({@link SagaDecision}).
 *
 * @param requested the gateway's {@code OrderRequested} is recorded (until then the order is a
 *     placeholder that only collects facts)
 * @param customerRejected set by {@code CustomerRejected}
 * @param stockReserved the priced lines and total of {@code StockReserved}
 * @param stockRejected set by {@code StockRejected}, with the offending product ids
 * @param paymentCompleted the payment id of {@code PaymentCompleted}
 * @param paymentFailed set by {@code PaymentFailed}
 * @param stockReleased inventory gave back what it held ({@code StockReleased})
 * @param stockCommitted the reservation became sold stock ({@code StockCommitted}, after confirmation)
 * @param paymentRefunded a captured payment was refunded ({@code PaymentRefunded})
 */
public record SagaFacts(
        boolean requested,
        boolean customerValidated,
        Rejection customerRejected,
        Reservation stockReserved,
        Rejection stockRejected,
        String paymentCompleted,
        PaymentFailure paymentFailed,
        boolean stockReleased,
        boolean stockCommitted,
        boolean paymentRefunded) {

    public static final SagaFacts NONE = new SagaFacts(false, false, null, null, null, null, null, false, false, false);

    /** Why a participant said no. {@code productIds} names the offending products (stock only). */
    public record Rejection(ReasonCode reason, String detail, List<String> productIds) {
        public Rejection {
            productIds = productIds == null ? List.of() : List.copyOf(productIds);
        }
    }

    /** The reserved lines, priced from the catalog, and their total. */
    public record Reservation(List<PricedLine> lines, Money total) {
        public Reservation {
            lines = List.copyOf(lines);
        }
    }

    /** A declined payment: its record's id and the reason. */
    public record PaymentFailure(String paymentId, ReasonCode reason, String detail) {}

    /** The facts with what this event reports added. */
    public SagaFacts with(SagaEvent event) {
        Builder next = new Builder(this);
        switch (event) {
            case OrderRequested e -> next.requested = true;
            case CustomerValidated e -> next.customerValidated = true;
            case CustomerRejected e -> next.customerRejected = new Rejection(e.reason(), e.detail(), null);
            case StockReserved e -> next.stockReserved = new Reservation(e.lines(), e.total());
            case StockRejected e -> next.stockRejected = new Rejection(e.reason(), e.detail(), e.productIds());
            case StockReleased e -> next.stockReleased = true;
            case StockCommitted e -> next.stockCommitted = true;
            case PaymentCompleted e -> next.paymentCompleted = e.paymentId();
            case PaymentFailed e -> next.paymentFailed = new PaymentFailure(e.paymentId(), e.reason(), e.detail());
            case PaymentRefunded e -> next.paymentRefunded = true;
            default -> throw new IllegalArgumentException("order-service does not consume " + event.type());
        }
        return next.build();
    }

    /** A copy of the facts that one event changes in place; the record itself stays immutable. */
    private static final class Builder {
        private boolean requested;
        private boolean customerValidated;
        private Rejection customerRejected;
        private Reservation stockReserved;
        private Rejection stockRejected;
        private String paymentCompleted;
        private PaymentFailure paymentFailed;
        private boolean stockReleased;
        private boolean stockCommitted;
        private boolean paymentRefunded;

        private Builder(SagaFacts facts) {
            requested = facts.requested;
            customerValidated = facts.customerValidated;
            customerRejected = facts.customerRejected;
            stockReserved = facts.stockReserved;
            stockRejected = facts.stockRejected;
            paymentCompleted = facts.paymentCompleted;
            paymentFailed = facts.paymentFailed;
            stockReleased = facts.stockReleased;
            stockCommitted = facts.stockCommitted;
            paymentRefunded = facts.paymentRefunded;
        }

        private SagaFacts build() {
            return new SagaFacts(
                    requested,
                    customerValidated,
                    customerRejected,
                    stockReserved,
                    stockRejected,
                    paymentCompleted,
                    paymentFailed,
                    stockReleased,
                    stockCommitted,
                    paymentRefunded);
        }
    }
}
