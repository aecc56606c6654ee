package dev.ordersaga.inventory.domain;

import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.Event;
import dev.ordersaga.events.InventoryEvent;
import dev.ordersaga.events.OrderConfirmed;
import dev.ordersaga.events.ReasonCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stock side of one order in one batch: its reservation as stored (null: none yet), the batch's
 * {@link Shelf}, and the stock moves its decisions imply. Each step decides in memory, guards the
 * reservation's transition and returns the outcome to publish; the store then writes the moves and
 * the reservation, each guarded, and a refused guard makes the runtime load the order again and
 * repeat its steps.
 *
 * <p>The products, not the reservation, say what the order holds: a step moves only what the
 * product's holders allow (a hold if the order is not among them, a give-back or a sale if it is),
 * so a step repeated after a crash between the two writes moves nothing twice and finishes the rest.
 * One step needs no read of them ({@link #sellsUnread}): the sale of a reserved order, whose
 * reservation was written only once every line was held, is asked of the store for every line,
 * and the store's guard (the order still holds the product) and its reading of the holders after a
 * refused guard tell a sale made before a crash from one to make.
 */
public final class OrderStock {

    private final String orderId;
    private final Shelf shelf;
    private Reservation reservation;
    private final Map<String, StockMove> moves = new LinkedHashMap<>();
    private boolean changed;

    public OrderStock(String orderId, Reservation reservation, Shelf shelf) {
        this.orderId = orderId;
        this.reservation = reservation;
        this.shelf = shelf;
    }

    /**
     * Whether the products of this order need not be read for these events: they are all {@code
     * OrderConfirmed} of an order whose reservation is reserved (every line held: the stock moves are
     * written before the reservation; {@link #commit} sells every line, the store's guard refuses a
     * sale made already) or committed already (sold: {@link #commit} only says so again).
     *
     * @param reservation the order's stored reservation, null if it has none
     */
    public static boolean sellsUnread(Reservation reservation, List<? extends Event> events) {
        return reservation != null
                && (reservation.status() == ReservationStatus.RESERVED
                        || reservation.status() == ReservationStatus.COMMITTED)
                && !events.isEmpty()
                && events.stream().allMatch(OrderConfirmed.class::isInstance);
    }

    /** {@code CustomerValidated}: hold every line or none → {@code StockReserved} or {@code StockRejected}. */
    public InventoryEvent reserve(CustomerValidated event, Instant now) {
        if (reservation == null) {
            return decide(event, now);
        }
        return switch (reservation.status()) {
            // written by an earlier version of this service, which stored the reservation before holding
            case RESERVING -> decide(event, now);
            case RESERVED, COMMITTED -> ReservationOutcomes.stockReserved(reservation);
            case REJECTED -> {
                giveBackHeld(reservation.lines());
                yield ReservationOutcomes.stockRejected(reservation);
            }
            case RELEASED -> {
                if (reservation.wasReserved()) {
                    yield ReservationOutcomes.stockReserved(reservation);
                }
                giveBackHeld(linesOf(event));
                yield ReservationOutcomes.orderAlreadyTerminal(reservation, event.correlationId());
            }
            case CLOSED -> {
                // The order ended before its reservation was stored: give back whatever a step before a crash held.
                giveBackHeld(linesOf(event));
                yield ReservationOutcomes.orderAlreadyTerminal(reservation, event.correlationId());
            }
        };
    }

    /**
     * {@code PaymentFailed}, {@code OrderRejected}, {@code OrderCancelled}: give back whatever the order
     * holds → {@code StockReleased} (no lines if it held nothing). An order never seen is closed, so a
     * late reservation is refused. Empty for a committed order, which the one decider never releases.
     */
    public Optional<InventoryEvent> release(String correlationId, ReasonCode reason, Instant now) {
        if (reservation == null) {
            reservation = Reservation.closed(orderId, correlationId, reason, now);
            changed = true;
        }
        return switch (reservation.status()) {
            case RESERVING, RESERVED -> {
                reservation.release(reason, now);
                changed = true;
                giveBackHeld(reservation.lines());
                yield Optional.of(ReservationOutcomes.stockReleased(reservation));
            }
            case RELEASED -> {
                giveBackHeld(reservation.lines());
                yield Optional.of(ReservationOutcomes.stockReleased(reservation));
            }
            case REJECTED -> {
                giveBackHeld(reservation.lines());
                yield Optional.of(ReservationOutcomes.nothingReleased(reservation, correlationId, reason));
            }
            case CLOSED ->
                Optional.of(ReservationOutcomes.nothingReleased(reservation, correlationId, reservation.reason()));
            case COMMITTED -> Optional.empty();
        };
    }

    /** {@code OrderConfirmed}: what the order holds is sold → {@code StockCommitted}; empty unless it was reserved. */
    public Optional<InventoryEvent> commit(String correlationId, Instant now) {
        if (reservation == null) {
            // Cannot happen with one decider (a confirmation needs StockReserved); make sure nothing is reserved later.
            reservation = Reservation.closed(orderId, correlationId, null, now);
            changed = true;
            return Optional.empty();
        }
        return switch (reservation.status()) {
            case RESERVED -> {
                reservation.commit(now);
                changed = true;
                sellHeld(true);
                yield Optional.of(ReservationOutcomes.stockCommitted(reservation));
            }
            case COMMITTED -> {
                sellHeld(false);
                yield Optional.of(ReservationOutcomes.stockCommitted(reservation));
            }
            case RESERVING, REJECTED, RELEASED, CLOSED -> Optional.empty();
        };
    }

    /**
     * Decides a reservation not decided yet. Lines the order already holds (a step that held them
     * before a crash) stay held; the others are judged on the shelf: every one can be held, or the
     * order is rejected for the most fundamental reason and gives back what it holds.
     */
    private InventoryEvent decide(CustomerValidated event, Instant now) {
        Reservation open = reservation != null
                ? reservation
                : Reservation.open(
                        orderId,
                        event.customerId(),
                        event.paymentMethod(),
                        event.correlationId(),
                        StockCheck.merge(event.lines()),
                        now);
        reservation = open;
        changed = true;
        List<ReservationLine> notHeld = open.lines().stream()
                .filter(line -> !shelf.holds(line.productId(), orderId))
                .toList();
        Optional<Rejection> rejection = StockCheck.diagnose(notHeld, shelf.products());
        if (rejection.isEmpty()) {
            for (ReservationLine line : open.pendingLines()) {
                open.lineApplied(
                        line.productId(),
                        shelf.products().get(line.productId()).price().toMoney());
            }
            rejection = StockCheck.currencyMismatch(open.appliedLines());
        }
        if (rejection.isPresent()) {
            Rejection why = rejection.get();
            open.reject(why.reason(), why.productIds(), why.detail(), now);
            giveBackHeld(open.lines());
            return ReservationOutcomes.stockRejected(open);
        }
        notHeld.forEach(line -> record(shelf.take(orderId, line)));
        open.reserve(now);
        return ReservationOutcomes.stockReserved(open);
    }

    private void giveBackHeld(Collection<ReservationLine> lines) {
        for (ReservationLine line : lines) {
            if (shelf.holds(line.productId(), orderId)) {
                record(shelf.giveBack(orderId, line));
            }
        }
    }

    /**
     * Sells what the order holds: on a product the batch read, what its holders say; on one it did not
     * read ({@link #sellsUnread}), every line of a reservation that was reserved until now, nothing of
     * one committed already.
     */
    private void sellHeld(boolean wasReserved) {
        for (ReservationLine line : reservation.lines()) {
            boolean held = shelf.has(line.productId()) ? shelf.holds(line.productId(), orderId) : wasReserved;
            if (held) {
                record(shelf.sell(orderId, line));
            }
        }
    }

    private void record(StockMove move) {
        moves.merge(move.productId(), move, StockMove::then);
        changed = true;
    }

    /** The lines a {@code CustomerValidated} asks for, merged, and those of the reservation: what may be held. */
    private List<ReservationLine> linesOf(CustomerValidated event) {
        List<ReservationLine> lines = new ArrayList<>(reservation.lines());
        StockCheck.merge(event.lines()).stream().map(ReservationLine::pending).forEach(lines::add);
        return lines;
    }

    public String orderId() {
        return orderId;
    }

    /** The reservation as decided (null: the order has none). */
    public Reservation reservation() {
        return reservation;
    }

    /** Whether anything must be written: the reservation changed or stock moves. */
    public boolean changed() {
        return changed;
    }

    /** The stock moves to write, one per product the order's steps moved. */
    public List<StockMove> moves() {
        return moves.values().stream().filter(move -> !move.isNone()).toList();
    }
}
