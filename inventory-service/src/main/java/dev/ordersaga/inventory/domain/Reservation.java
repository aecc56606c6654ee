package dev.ordersaga.inventory.domain;

import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderLine;
import dev.ordersaga.events.ReasonCode;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * The stock an order holds: one document per order (the order id is the document id, so it is
 * unique), written after its stock moves and guarded by its version, so two writers acting on one
 * order cannot both decide. The aggregate guards its own transitions ({@link ReservationStatus},
 * {@link LineState}); stock moves happen on the products, exactly once by the order id each records.
 */
@Document("reservations")
public class Reservation {

    @Id
    private final String orderId;

    /** Advanced by every write ({@link #advanceVersion}); the store writes only over the version it read. */
    private Long version;

    @Indexed
    private ReservationStatus status;

    @Field("customer_id")
    private final String customerId;

    @Field("payment_method")
    private final String paymentMethod;

    @Field("correlation_id")
    private final String correlationId;

    private List<ReservationLine> lines;

    private Price total;

    private ReasonCode reason;

    @Field("product_ids")
    private List<String> productIds;

    private String detail;

    @Field("released_lines")
    private List<ReservationLine> releasedLines;

    @Field("created_at")
    private final Instant createdAt;

    @Field("reserved_at")
    private Instant reservedAt;

    @Field("finished_at")
    private Instant finishedAt;

    @PersistenceCreator
    Reservation(
            String orderId,
            Long version,
            ReservationStatus status,
            String customerId,
            String paymentMethod,
            String correlationId,
            List<ReservationLine> lines,
            Price total,
            ReasonCode reason,
            List<String> productIds,
            String detail,
            List<ReservationLine> releasedLines,
            Instant createdAt,
            Instant reservedAt,
            Instant finishedAt) {
        this.orderId = orderId;
        this.version = version;
        this.status = status;
        this.customerId = customerId;
        this.paymentMethod = paymentMethod;
        this.correlationId = correlationId;
        this.lines = copy(lines);
        this.total = total;
        this.reason = reason;
        this.productIds = copy(productIds);
        this.detail = detail;
        this.releasedLines = copy(releasedLines);
        this.createdAt = createdAt;
        this.reservedAt = reservedAt;
        this.finishedAt = finishedAt;
    }

    /** A reservation about to be applied: every line pending. Lines must name each product once. */
    public static Reservation open(
            String orderId,
            String customerId,
            String paymentMethod,
            String correlationId,
            List<OrderLine> lines,
            Instant now) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reservation needs at least one line");
        }
        if (lines.stream().map(OrderLine::productId).distinct().count() != lines.size()) {
            throw new IllegalArgumentException("merge the lines first: a product may appear once");
        }
        return new Reservation(
                orderId,
                null,
                ReservationStatus.RESERVING,
                customerId,
                paymentMethod,
                correlationId,
                lines.stream().map(ReservationLine::pending).toList(),
                null,
                null,
                null,
                null,
                null,
                now,
                null,
                null);
    }

    /** The order was decided before inventory reserved anything: a later reservation is refused. */
    public static Reservation closed(String orderId, String correlationId, ReasonCode reason, Instant now) {
        return new Reservation(
                orderId,
                null,
                ReservationStatus.CLOSED,
                null,
                null,
                correlationId,
                List.of(),
                null,
                reason,
                null,
                null,
                null,
                now,
                null,
                now);
    }

    /** The line's stock is held, at this unit price. */
    public void lineApplied(String productId, Money unitPrice) {
        if (status != ReservationStatus.RESERVING) {
            throw new IllegalTransitionException("order " + orderId + " cannot apply a line when " + status);
        }
        replaceLine(productId, line -> line.applied(unitPrice));
    }

    /** Every line is held: the reservation stands, at the sum of its lines. */
    public Money reserve(Instant now) {
        if (lines.stream().anyMatch(line -> !line.is(LineState.APPLIED))) {
            throw new IllegalTransitionException("order " + orderId + " still has lines that are not applied");
        }
        Money sum = StockCheck.total(lines);
        moveTo(ReservationStatus.RESERVED);
        total = Price.of(sum);
        reservedAt = now;
        return sum;
    }

    /** Nothing is reserved: lines already applied are to be given back. */
    public void reject(ReasonCode why, List<String> offendingProducts, String explanation, Instant now) {
        moveTo(ReservationStatus.REJECTED);
        lines = lines.stream()
                .map(line -> line.is(LineState.APPLIED) ? line.moved(LineState.UNDONE) : line)
                .toList();
        reason = why;
        productIds = List.copyOf(offendingProducts);
        detail = explanation;
        finishedAt = now;
    }

    /** The order ends without this stock: what is held goes back. Returns the lines given back. */
    public List<ReservationLine> release(ReasonCode why, Instant now) {
        moveTo(ReservationStatus.RELEASED);
        releasedLines =
                lines.stream().filter(line -> line.is(LineState.APPLIED)).toList();
        lines = lines.stream()
                .map(line -> line.is(LineState.APPLIED) ? line.moved(LineState.UNDONE) : line)
                .toList();
        reason = why;
        finishedAt = now;
        return releasedLines;
    }

    /** The order is confirmed: what is held is sold. */
    public void commit(Instant now) {
        moveTo(ReservationStatus.COMMITTED);
        lines = lines.stream().map(line -> line.moved(LineState.COMMITTED)).toList();
        finishedAt = now;
    }

    /** The version to write: 1 for a new reservation (an insert), else one past the version read. */
    public long advanceVersion() {
        return version = version == null ? 1 : version + 1;
    }

    public long version() {
        return version;
    }

    /** Whether the reservation ever stood (so its outcome was {@code StockReserved}). */
    public boolean wasReserved() {
        return reservedAt != null;
    }

    public List<ReservationLine> pendingLines() {
        return lines.stream().filter(line -> line.is(LineState.PENDING)).toList();
    }

    public List<ReservationLine> appliedLines() {
        return lines.stream().filter(line -> line.is(LineState.APPLIED)).toList();
    }

    private void moveTo(ReservationStatus target) {
        if (!status.canBecome(target)) {
            throw new IllegalTransitionException("order " + orderId + " cannot go from " + status + " to " + target);
        }
        status = target;
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    private void replaceLine(String productId, UnaryOperator<ReservationLine> change) {
        if (lines.stream().noneMatch(line -> line.productId().equals(productId))) {
            throw new IllegalArgumentException("order " + orderId + " has no line for product " + productId);
        }
        lines = lines.stream()
                .map(l -> l.productId().equals(productId) ? change.apply(l) : l)
                .toList();
    }

    public String orderId() {
        return orderId;
    }

    public ReservationStatus status() {
        return status;
    }

    public String customerId() {
        return customerId;
    }

    public String paymentMethod() {
        return paymentMethod;
    }

    public String correlationId() {
        return correlationId;
    }

    public List<ReservationLine> lines() {
        return lines;
    }

    public Money total() {
        return total == null ? null : total.toMoney();
    }

    public ReasonCode reason() {
        return reason;
    }

    public List<String> productIds() {
        return productIds;
    }

    public String detail() {
        return detail;
    }

    public List<ReservationLine> releasedLines() {
        return releasedLines;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant reservedAt() {
        return reservedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }
}
