package dev.ordersaga.order.domain;

import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderLine;
import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.events.PricedLine;
import dev.ordersaga.events.ReasonCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;

/**
 * What an order document holds, and how it reads: the request, the saga's facts and the status
 * they call for, the timeline, the deadline. Only {@link Order} (its transitions) changes it; the
 * fields are package-private to the domain for that, and stored as they are named here.
 */
abstract sealed class OrderState permits Order {

    @Id
    String id;

    String customerId;
    String userId;
    List<OrderLine> requestedLines = new ArrayList<>();
    String paymentMethod;
    String shippingAddress;
    String billingAddress;
    String requestHash;
    String correlationId;

    OrderStatus status = OrderStatus.PENDING;
    SagaFacts facts = SagaFacts.NONE;
    ReasonCode reason;
    String detail;
    List<String> productIds = new ArrayList<>();
    String paymentId;
    List<PricedLine> lines = new ArrayList<>();
    Money total;
    String lastStep;
    /**
     * The id of the event whose recording last told the gateway something new (a reply): a
     * redelivery of that event says it again, a redelivery of any other says nothing.
     */
    String replyCause;

    List<TimelineEntry> timeline = new ArrayList<>();
    /** Ids of the events already recorded: a redelivery is recognised and changes nothing. */
    List<String> seenEventIds = new ArrayList<>();

    Instant createdAt;
    Instant updatedAt;
    Instant deadline;
    Instant decidedAt;

    /**
     * The trace the order's saga runs in (a W3C traceparent, kept from its first event): what the
     * sweep does for the order later is recorded in the same trace.
     */
    String traceparent;

    /**
     * When the sweep should look at the order next: its deadline while undecided, a while after its
     * decision while not settled, none (the field is absent) once settled. Set by every transition
     * ({@link Order}), so it is written by the same conditional write as the rest of the order: no
     * stored order that needs a look lacks one. The index is sparse: a settled order has no entry,
     * so the sweep's range read ({@code recheckAt < now}) reads only the orders it has to look at,
     * however long the history.
     */
    @Indexed(name = "recheck", sparse = true)
    Instant recheckAt;

    long version;

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

    public String replyCause() {
        return replyCause;
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

    /** When the sweep should look at the order next; null once it is settled (nothing left to watch). */
    public Instant recheckAt() {
        return recheckAt;
    }

    public long version() {
        return version;
    }
}
