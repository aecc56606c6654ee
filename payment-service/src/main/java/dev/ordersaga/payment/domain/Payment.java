package dev.ordersaga.payment.domain;

import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.Money;
import dev.ordersaga.events.PaymentCompleted;
import dev.ordersaga.events.PaymentEvent;
import dev.ordersaga.events.PaymentFailed;
import dev.ordersaga.events.PaymentRefunded;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.StockReserved;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The payment of one order (at most one record per order: the unique index on {@code order_id}
 * decides every race). It guards its own transitions; the store persists a transition with a
 * conditional update on the status the aggregate moved from, so two instances cannot both do it.
 */
@Document("payments")
@CompoundIndex(name = "status_created_at", def = "{'status': 1, 'created_at': 1}")
@CompoundIndex(name = "created_at_id", def = "{'created_at': 1, '_id': 1}")
public class Payment {

    @Id
    private final String id;

    @Indexed(unique = true)
    private final String orderId;

    /** Null only for a record voided before any charge attempt was seen. */
    private String customerId;

    private Money amount;
    private String paymentMethod;
    private PaymentStatus status;

    /** Why it was declined (the rule's code), or for a voided record the order's reason. */
    private final ReasonCode reason;

    private final String detail;
    private final Instant createdAt;
    private Instant updatedAt;
    private Refund refund;
    /** Each write is guarded by the version it was read at (1 is the first insert); set by the store. */
    private long version;

    @PersistenceCreator
    Payment(
            String id,
            String orderId,
            String customerId,
            Money amount,
            String paymentMethod,
            PaymentStatus status,
            ReasonCode reason,
            String detail,
            Instant createdAt,
            Instant updatedAt,
            Refund refund) {
        this.id = Objects.requireNonNull(id, "id");
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.customerId = customerId;
        this.amount = amount;
        this.paymentMethod = paymentMethod;
        this.status = Objects.requireNonNull(status, "status");
        this.reason = reason;
        this.detail = detail;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.refund = refund;
    }

    /** A charge attempt for an order whose stock is reserved: captured if approved, else declined. */
    public static Payment attempt(
            String orderId,
            String customerId,
            Money amount,
            String paymentMethod,
            PaymentDecision decision,
            Instant at) {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(paymentMethod, "paymentMethod");
        return new Payment(
                newId(),
                orderId,
                customerId,
                amount,
                paymentMethod,
                decision.isApproved() ? PaymentStatus.CAPTURED : PaymentStatus.DECLINED,
                decision.declineReason(),
                decision.detail(),
                at,
                at,
                null);
    }

    /** The order was decided (rejected or cancelled) before any charge: remember it so none is made later. */
    public static Payment voided(String orderId, ReasonCode orderReason, Instant at) {
        Objects.requireNonNull(orderReason, "orderReason");
        return new Payment(
                newId(),
                orderId,
                null,
                null,
                null,
                PaymentStatus.VOIDED,
                orderReason,
                "The order ended (" + orderReason + ") before any payment; nothing is charged for it.",
                at,
                at,
                null);
    }

    /** Payment ids are random UUIDs in canonical lowercase form. */
    static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Gives captured money back. Only a captured payment can be refunded. */
    public Refund refund(ReasonCode orderReason, Instant at) {
        status = status.moveTo(PaymentStatus.REFUNDED);
        refund = new Refund(at, orderReason);
        updatedAt = at;
        return refund;
    }

    /**
     * A charge attempt arrived after the order ended: it is refused (the status stays {@code
     * VOIDED}); the record keeps what would have been charged, and to whom, for the owner and for
     * audits. Returns false when the attempt was already recorded (a redelivery).
     */
    public boolean refuseLateAttempt(String customerId, Money amount, String paymentMethod, Instant at) {
        if (status != PaymentStatus.VOIDED) {
            throw new IllegalStateException("only a voided payment refuses a charge attempt, this one is " + status);
        }
        if (this.customerId != null) {
            return false;
        }
        this.customerId = Objects.requireNonNull(customerId, "customerId");
        this.amount = Objects.requireNonNull(amount, "amount");
        this.paymentMethod = Objects.requireNonNull(paymentMethod, "paymentMethod");
        this.updatedAt = at;
        return true;
    }

    /**
     * What this payment says to the {@code StockReserved} that asked for it, the first time and on
     * every redelivery: the same event id, payment id and time.
     */
    public PaymentEvent outcomeOf(StockReserved stock) {
        return switch (status) {
            // A refunded payment was captured first: a redelivered StockReserved gets that outcome again.
            case CAPTURED, REFUNDED ->
                new PaymentCompleted(
                        EventIds.about(orderId, PaymentCompleted.class),
                        orderId,
                        createdAt,
                        stock.correlationId(),
                        id,
                        amount,
                        paymentMethod);
            case DECLINED ->
                new PaymentFailed(
                        EventIds.about(orderId, PaymentFailed.class),
                        orderId,
                        createdAt,
                        stock.correlationId(),
                        id,
                        amount,
                        reason,
                        detail);
            case VOIDED ->
                new PaymentFailed(
                        EventIds.about(orderId, PaymentFailed.class),
                        orderId,
                        updatedAt,
                        stock.correlationId(),
                        id,
                        stock.total(),
                        ReasonCode.ORDER_ALREADY_TERMINAL,
                        "The order already ended (" + reason + "); nothing was charged.");
        };
    }

    /** What a refunded payment says, the first time and on every redelivery of the order's end. */
    public PaymentRefunded refunded(String correlationId) {
        if (refund == null) {
            throw new IllegalStateException("payment " + id + " was not refunded");
        }
        return new PaymentRefunded(
                EventIds.about(orderId, PaymentRefunded.class),
                orderId,
                refund.refundedAt(),
                correlationId,
                id,
                amount,
                paymentMethod);
    }

    /** Called by the store right before a guarded write. */
    public void advanceVersion() {
        version++;
    }

    public long version() {
        return version;
    }

    /** Whether the customer's money is held by this payment right now. */
    public boolean holdsMoney() {
        return status == PaymentStatus.CAPTURED;
    }

    public String id() {
        return id;
    }

    public String orderId() {
        return orderId;
    }

    public String customerId() {
        return customerId;
    }

    public Money amount() {
        return amount;
    }

    public String paymentMethod() {
        return paymentMethod;
    }

    public PaymentStatus status() {
        return status;
    }

    public ReasonCode reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Refund refund() {
        return refund;
    }
}
