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

    public SagaFacts withRequested() {
        return new SagaFacts(
                true,
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

    public SagaFacts withCustomerValidated() {
        return new SagaFacts(
                requested,
                true,
                customerRejected,
                stockReserved,
                stockRejected,
                paymentCompleted,
                paymentFailed,
                stockReleased,
                stockCommitted,
                paymentRefunded);
    }

    public SagaFacts withCustomerRejected(Rejection rejection) {
        return new SagaFacts(
                requested,
                customerValidated,
                rejection,
                stockReserved,
                stockRejected,
                paymentCompleted,
                paymentFailed,
                stockReleased,
                stockCommitted,
                paymentRefunded);
    }

    public SagaFacts withStockReserved(Reservation reservation) {
        return new SagaFacts(
                requested,
                customerValidated,
                customerRejected,
                reservation,
                stockRejected,
                paymentCompleted,
                paymentFailed,
                stockReleased,
                stockCommitted,
                paymentRefunded);
    }

    public SagaFacts withStockRejected(Rejection rejection) {
        return new SagaFacts(
                requested,
                customerValidated,
                customerRejected,
                stockReserved,
                rejection,
                paymentCompleted,
                paymentFailed,
                stockReleased,
                stockCommitted,
                paymentRefunded);
    }

    public SagaFacts withPaymentCompleted(String paymentId) {
        return new SagaFacts(
                requested,
                customerValidated,
                customerRejected,
                stockReserved,
                stockRejected,
                paymentId,
                paymentFailed,
                stockReleased,
                stockCommitted,
                paymentRefunded);
    }

    public SagaFacts withPaymentFailed(PaymentFailure failure) {
        return new SagaFacts(
                requested,
                customerValidated,
                customerRejected,
                stockReserved,
                stockRejected,
                paymentCompleted,
                failure,
                stockReleased,
                stockCommitted,
                paymentRefunded);
    }

    public SagaFacts withStockReleased() {
        return new SagaFacts(
                requested,
                customerValidated,
                customerRejected,
                stockReserved,
                stockRejected,
                paymentCompleted,
                paymentFailed,
                true,
                stockCommitted,
                paymentRefunded);
    }

    public SagaFacts withStockCommitted() {
        return new SagaFacts(
                requested,
                customerValidated,
                customerRejected,
                stockReserved,
                stockRejected,
                paymentCompleted,
                paymentFailed,
                stockReleased,
                true,
                paymentRefunded);
    }

    public SagaFacts withPaymentRefunded() {
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
                true);
    }

    /** The facts with what this event reports added. */
    public SagaFacts with(SagaEvent event) {
        return switch (event) {
            case OrderRequested e -> withRequested();
            case CustomerValidated e -> withCustomerValidated();
            case CustomerRejected e -> withCustomerRejected(new Rejection(e.reason(), e.detail(), null));
            case StockReserved e -> withStockReserved(new Reservation(e.lines(), e.total()));
            case StockRejected e -> withStockRejected(new Rejection(e.reason(), e.detail(), e.productIds()));
            case StockReleased e -> withStockReleased();
            case StockCommitted e -> withStockCommitted();
            case PaymentCompleted e -> withPaymentCompleted(e.paymentId());
            case PaymentFailed e -> withPaymentFailed(new PaymentFailure(e.paymentId(), e.reason(), e.detail()));
            case PaymentRefunded e -> withPaymentRefunded();
            default -> throw new IllegalArgumentException("order-service does not consume " + event.type());
        };
    }
}
