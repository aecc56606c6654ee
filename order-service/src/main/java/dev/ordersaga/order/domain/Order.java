package dev.ordersaga.order.orders;

import dev.ordersaga.events.CustomerRejected;
import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderLine;
import dev.ordersaga.events.OrderRequested;
import dev.ordersaga.events.OrderStatus;
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
import dev.ordersaga.order.orders.SagaFacts.PaymentFailure;
import dev.ordersaga.order.orders.SagaFacts.Rejection;
import dev.ordersaga.order.orders.SagaFacts.Reservation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An order and its saga: one document per order id, written as a whole under an optimistic
 * {@code version}, so every change (and above all the one terminal decision) is a conditional
 * update that exactly one writer wins.
 *
 * <p>The order records the facts the participants report ({@link SagaFacts}) and takes its status
 * from them ({@link SagaDecision}), guarded by {@link OrderTransitions}. An event that arrives
 * before the gateway's {@code OrderRequested} is recorded on a placeholder (not {@link
 * #isRequested() requested}) that decides nothing until the request is there.
 */
@Document("orders")
@CompoundIndex(name = "overdue", def = "{'status': 1, 'deadline': 1}")
@CompoundIndex(name = "by_customer", def = "{'customerId': 1, 'createdAt': -1}")
@CompoundIndex(name = "requested_newest", def = "{'facts.requested': 1, 'createdAt': -1}")
public class Order {

    public static final String SERVICE = "order-service";

    @Id
    private String id;

    private String customerId;
    private String userId;
    private List<OrderLine> requestedLines = new ArrayList<>();
    private String paymentMethod;
    private String shippingAddress;
    private String billingAddress;
    private String requestHash;
    private String correlationId;

    private OrderStatus status = OrderStatus.PENDING;
    private SagaFacts facts = SagaFacts.NONE;
    private ReasonCode reason;
    private String detail;
    private List<String> productIds = new ArrayList<>();
    private String paymentId;
    private List<PricedLine> lines = new ArrayList<>();
    private Money total;
    private String lastStep;

    private List<TimelineEntry> timeline = new ArrayList<>();
    /** Ids of the events already recorded: a redelivery is recognised and changes nothing. */
    private List<String> seenEventIds = new ArrayList<>();

    private Instant createdAt;
    private Instant updatedAt;
    private Instant deadline;
    private Instant decidedAt;

    /**
     * The trace the order's saga runs in (a W3C traceparent, kept from its first event): what the
     * sweep does for the order later is recorded in the same trace.
     */
    private String traceparent;

    /** An entry in the open sagas exists for this order (written before the order, removed once settled). */
    private boolean watched;

    private long version;

    Order() {}

    /** A new, empty order about to record its first event (the request or a participant's answer). */
    public static Order startingWith(String orderId) {
        Order order = new Order();
        order.id = Objects.requireNonNull(orderId);
        return order;
    }

    /**
     * Records one event of the saga and decides what the facts now call for. A redelivered event
     * (same event id) and a repeated request change nothing.
     *
     * @param now when order-service records it
     * @param sagaDeadline how long after the request the order may stay undecided
     */
    public Recorded record(SagaEvent event, Instant now, Duration sagaDeadline) {
        String eventId = event.eventId().toString();
        if (seenEventIds.contains(eventId)) {
            return Recorded.REDELIVERY;
        }
        if (event instanceof OrderRequested request && facts.requested()) {
            return request.requestHash().equals(requestHash) ? Recorded.SAME_REQUEST : Recorded.DIFFERENT_REQUEST;
        }
        SagaFacts next = withFact(facts, event);
        boolean wasTerminal = status.terminal();
        Verdict verdict = wasTerminal ? null : SagaDecision.decide(next);
        if (verdict != null && verdict.status() != status) {
            OrderTransitions.check(status, verdict.status());
        }

        if (event instanceof OrderRequested request) {
            acceptRequest(request);
        }
        // The saga's clock starts when the customer asked (the request's time, never later than
        // now), so a restart or a lagging topic does not give an order more time.
        Instant happened = event.occurredAt().isAfter(now) ? now : event.occurredAt();
        if (createdAt == null || (event instanceof OrderRequested && happened.isBefore(createdAt))) {
            createdAt = happened;
            deadline = happened.plus(sagaDeadline);
        }
        if (correlationId == null) {
            correlationId = event.correlationId();
        }
        facts = next;
        adoptFacts();
        seenEventIds.add(eventId);
        timeline.add(new TimelineEntry(event.type(), event.occurredAt(), serviceOf(event), describe(event)));
        lastStep = event.type();
        updatedAt = now;

        if (verdict == null) {
            return Recorded.STEP;
        }
        OrderStatus before = status;
        status = verdict.status();
        reason = verdict.reason();
        detail = verdict.detail();
        productIds = new ArrayList<>(verdict.productIds());
        if (status.terminal() && !before.terminal()) {
            decided(now);
            return Recorded.DECISION;
        }
        return Recorded.STEP;
    }

    /** Cancels a not yet decided order; refused (by the transition table) once it is terminal. */
    public void cancel(ReasonCode why, String text, Instant now) {
        OrderTransitions.check(status, OrderStatus.CANCELLED);
        status = OrderStatus.CANCELLED;
        reason = why;
        detail = text;
        productIds = new ArrayList<>();
        lastStep = "OrderCancelled";
        updatedAt = now;
        decided(now);
    }

    /**
     * Decided, and every participant that held something for the order has acknowledged the
     * decision: inventory committed (confirmed) or released what it reserved, payment refunded
     * what it captured. Until then the decision is published again from time to time, so a lost
     * compensation heals itself.
     */
    public boolean isSettled() {
        if (!status.terminal()) {
            return false;
        }
        if (status == OrderStatus.CONFIRMED) {
            return facts.stockCommitted();
        }
        boolean stockBack = facts.stockReserved() == null || facts.stockReleased();
        boolean moneyBack = facts.paymentCompleted() == null || facts.paymentRefunded();
        return stockBack && moneyBack;
    }

    /** What the open sagas must learn about this order before it is written. */
    public enum Watch {
        /** Start watching it (new, or not settled after all: a late capture to refund). */
        OPEN,
        /** Settled: nothing left to watch. */
        CLOSE,
        NONE
    }

    /** Brings {@code watched} in line with what the order needs and says what the open sagas must do. */
    public Watch reconcileWatch() {
        boolean needed = !isSettled();
        if (needed == watched) {
            return Watch.NONE;
        }
        watched = needed;
        return needed ? Watch.OPEN : Watch.CLOSE;
    }

    /** Never stored yet: the first write is an insert that fails if another writer created it first. */
    public boolean isNew() {
        return version == 0;
    }

    /** Not decided and past its saga deadline. */
    public boolean isOverdue(Instant now) {
        return !status.terminal() && deadline != null && deadline.isBefore(now);
    }

    /** Cancels an order that outlived its saga deadline. */
    public void expire(Instant now) {
        if (!isOverdue(now)) {
            throw new IllegalStateException("order " + id + " is not overdue");
        }
        cancel(ReasonCode.SAGA_TIMEOUT, "Not decided by the saga deadline " + deadline + ".", now);
    }

    private void decided(Instant now) {
        decidedAt = now;
        String type = switch (status) {
            case CONFIRMED -> "OrderConfirmed";
            case REJECTED -> "OrderRejected";
            case CANCELLED -> "OrderCancelled";
            default -> throw new IllegalStateException(status + " is not a decision");
        };
        String summary = status == OrderStatus.CONFIRMED
                ? "confirmed, total " + total + ", payment " + paymentId
                : reason + (detail == null ? "" : ": " + detail);
        timeline.add(new TimelineEntry(type, now, SERVICE, summary));
    }

    private void acceptRequest(OrderRequested request) {
        customerId = request.customerId();
        userId = request.userId();
        requestedLines = new ArrayList<>(request.lines());
        paymentMethod = request.paymentMethod();
        shippingAddress = request.shippingAddress();
        billingAddress = request.billingAddress();
        requestHash = request.requestHash();
        // Replies carry the request's correlation id, also when participants answered first.
        correlationId = request.correlationId();
    }

    /** Copies what the facts say about money and lines onto the order, for the replies and the API. */
    private void adoptFacts() {
        if (facts.stockReserved() != null) {
            lines = new ArrayList<>(facts.stockReserved().lines());
            total = facts.stockReserved().total();
        }
        if (facts.paymentCompleted() != null) {
            paymentId = facts.paymentCompleted();
        } else if (facts.paymentFailed() != null) {
            paymentId = facts.paymentFailed().paymentId();
        }
    }

    private static SagaFacts withFact(SagaFacts facts, SagaEvent event) {
        return switch (event) {
            case OrderRequested e -> facts.withRequested();
            case CustomerValidated e -> facts.withCustomerValidated();
            case CustomerRejected e -> facts.withCustomerRejected(new Rejection(e.reason(), e.detail(), null));
            case StockReserved e -> facts.withStockReserved(new Reservation(e.lines(), e.total()));
            case StockRejected e -> facts.withStockRejected(new Rejection(e.reason(), e.detail(), e.productIds()));
            case StockReleased e -> facts.withStockReleased();
            case StockCommitted e -> facts.withStockCommitted();
            case PaymentCompleted e -> facts.withPaymentCompleted(e.paymentId());
            case PaymentFailed e -> facts.withPaymentFailed(new PaymentFailure(e.paymentId(), e.reason(), e.detail()));
            case PaymentRefunded e -> facts.withPaymentRefunded();
            default -> throw new IllegalArgumentException("order-service does not consume " + event.type());
        };
    }

    private static String serviceOf(SagaEvent event) {
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

    private static String describe(SagaEvent event) {
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

    /** Called by the store right before a conditional write: the write expects the previous version. */
    void advanceVersion() {
        version++;
    }

    public String id() {
        return id;
    }

    /** The gateway's request is recorded; before that the order is a placeholder collecting early facts. */
    public boolean isRequested() {
        return facts.requested();
    }

    public boolean isTerminal() {
        return status.terminal();
    }

    public String customerId() {
        return customerId;
    }

    public String userId() {
        return userId;
    }

    public List<OrderLine> requestedLines() {
        return List.copyOf(requestedLines);
    }

    public String paymentMethod() {
        return paymentMethod;
    }

    public String shippingAddress() {
        return shippingAddress;
    }

    public String billingAddress() {
        return billingAddress;
    }

    public String requestHash() {
        return requestHash;
    }

    /** Keeps the trace of the order's first event; later ones belong to the same saga. */
    public void traceWith(String traceparent) {
        if (this.traceparent == null) {
            this.traceparent = traceparent;
        }
    }

    public String traceparent() {
        return traceparent;
    }

    /** The trace id (the second field of the traceparent), or null if the order was never traced. */
    public String traceId() {
        String[] fields = traceparent == null ? new String[0] : traceparent.split("-");
        return fields.length == 4 ? fields[1] : null;
    }

    public String correlationId() {
        return correlationId;
    }

    public OrderStatus status() {
        return status;
    }

    public SagaFacts facts() {
        return facts;
    }

    public ReasonCode reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    public List<String> productIds() {
        return List.copyOf(productIds);
    }

    public String paymentId() {
        return paymentId;
    }

    /** The priced lines (known once stock is reserved). */
    public List<PricedLine> lines() {
        return List.copyOf(lines);
    }

    public Money total() {
        return total;
    }

    public String lastStep() {
        return lastStep;
    }

    public List<TimelineEntry> timeline() {
        return List.copyOf(timeline);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant deadline() {
        return deadline;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public long version() {
        return version;
    }
}
