package dev.ordersaga.order.domain;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.OrderRequested;
import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.SagaEvent;
import dev.ordersaga.events.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 *
 * <p>Every transition also says when the deadline sweep should look at the order next ({@link
 * #recheckAt()}), a field of this same document, so it is written by the same conditional write:
 *
 * <ul>
 *   <li>not decided (a placeholder too): its deadline;
 *   <li>decided, not {@link #isSettled() settled}: {@code decidedAt} + republish-after, but not
 *       before its deadline ({@link #republishAt});
 *   <li>settled: none.
 * </ul>
 */
@Document("orders")
@CompoundIndex(name = "overdue", def = "{'status': 1, 'deadline': 1}")
@CompoundIndex(name = "by_customer", def = "{'customerId': 1, 'createdAt': -1}")
@CompoundIndex(name = "requested_newest", def = "{'facts.requested': 1, 'createdAt': -1}")
public final class Order extends OrderState {

    public static final String SERVICE = TimelineText.SERVICE;

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
     * @param timing how long after the request the order may stay undecided, and after its
     *     decision until the sweep looks at it again if not settled
     */
    public Recorded record(SagaEvent event, Instant now, SagaTiming timing) {
        String eventId = event.eventId().toString();
        if (seenEventIds.contains(eventId)) {
            return Recorded.REDELIVERY;
        }
        if (event instanceof OrderRequested request && facts.requested()) {
            return request.requestHash().equals(requestHash) ? Recorded.SAME_REQUEST : Recorded.DIFFERENT_REQUEST;
        }
        SagaFacts next = facts.with(event);
        boolean wasRequested = facts.requested();
        OrderStatus was = status;
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
            deadline = happened.plus(timing.deadline());
        }
        if (correlationId == null) {
            correlationId = event.correlationId();
        }
        facts = next;
        adoptFacts();
        seenEventIds.add(eventId);
        timeline.add(TimelineText.of(event));
        lastStep = event.type();
        updatedAt = now;

        if (verdict != null) {
            status = verdict.status();
            reason = verdict.reason();
            detail = verdict.detail();
            productIds = new ArrayList<>(verdict.productIds());
        }
        if (tellsTheGateway(wasRequested, was)) {
            replyCause = eventId;
        }
        boolean decision = status.terminal() && !was.terminal();
        if (decision) {
            decided(now);
        }
        scheduleRecheck(timing);
        return decision ? Recorded.DECISION : Recorded.STEP;
    }

    /**
     * Whether the event just recorded gives the gateway news, and so a reply: the order moved to
     * another status, or its request came to an order that had moved on already (a placeholder
     * that collected answers, or that its deadline cancelled). A step that changes no status (the
     * request itself, a commit or a refund after the decision, an answer recorded out of order)
     * says nothing: the gateway restarts its hop clock at every reply, and its first hop runs from
     * its own publish. Nor does an order that got only as far as its customer's validation ({@code
     * CUSTOMER_VALIDATED}, by the validation or by a request recorded after it): the gateway reads
     * {@code CustomerValidated} on {@code customer-events} itself ({@link Topics#GATEWAY_WATCHES}), so a
     * reply would only repeat it, one record more per order.
     */
    private boolean tellsTheGateway(boolean wasRequested, OrderStatus was) {
        return isRequested()
                && status != OrderStatus.CUSTOMER_VALIDATED
                && (status != was || (!wasRequested && status != OrderStatus.PENDING));
    }

    /**
     * What to publish after {@link #record} said {@code recorded} about {@code cause}: the outcome (if
     * due), then the reply if the gateway learns something from it.
     */
    public List<Event> eventsAfter(Recorded recorded, SagaEvent cause) {
        return OrderMessages.after(this, recorded, cause);
    }

    /** What to publish for a decision no event caused (deadline, cancel request, re-publication). */
    public List<Event> decisionEvents() {
        return OrderMessages.decision(this);
    }

    /** Cancels a not yet decided order; refused (by the transition table) once it is terminal. */
    public void cancel(ReasonCode why, String text, Instant now, SagaTiming timing) {
        OrderTransitions.check(status, OrderStatus.CANCELLED);
        status = OrderStatus.CANCELLED;
        reason = why;
        detail = text;
        productIds = new ArrayList<>();
        lastStep = "OrderCancelled";
        updatedAt = now;
        decided(now);
        scheduleRecheck(timing);
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

    /**
     * When a decided order that is not settled should have its decision published again at the
     * earliest: {@code republish-after} after the decision, and not before the saga's deadline. Its
     * acknowledgements are most likely on their way before that: a decision the saga's events
     * carried was acknowledged by the broker before its cause was committed, so only a participant
     * that lost it needs it again, and under load (acknowledgements seconds late) the sweep does not
     * add a second copy of every decision to the backlog. A decision taken at the deadline is looked
     * at again {@code republish-after} later.
     */
    public Instant republishAt(SagaTiming timing) {
        if (decidedAt == null) {
            throw new IllegalStateException("order " + id + " is not decided");
        }
        Instant afterDecision = decidedAt.plus(timing.republishAfter());
        return deadline != null && deadline.isAfter(afterDecision) ? deadline : afterDecision;
    }

    /**
     * The rule of the class comment's list: the sweep looks at an undecided order at its deadline,
     * at a decided one that is not settled once its acknowledgements are late (and again and again
     * until they come), at a settled one never. A decided order that a late fact unsettles (a
     * capture after a settled rejection) gets its look back.
     */
    private void scheduleRecheck(SagaTiming timing) {
        if (!status.terminal()) {
            recheckAt = deadline;
        } else if (!isSettled()) {
            recheckAt = republishAt(timing);
        } else {
            recheckAt = null;
        }
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
    public void expire(Instant now, SagaTiming timing) {
        if (!isOverdue(now)) {
            throw new IllegalStateException("order " + id + " is not overdue");
        }
        cancel(ReasonCode.SAGA_TIMEOUT, "Not decided by the saga deadline " + deadline + ".", now, timing);
    }

    private void decided(Instant now) {
        decidedAt = now;
        timeline.add(TimelineText.decision(this, now));
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

    /** Called by the store right before a conditional write: the write expects the previous version. */
    public void advanceVersion() {
        version++;
    }

    /** Keeps the trace of the order's first event; later ones belong to the same saga. */
    public void traceWith(String traceparent) {
        if (this.traceparent == null) {
            this.traceparent = traceparent;
        }
    }
}
