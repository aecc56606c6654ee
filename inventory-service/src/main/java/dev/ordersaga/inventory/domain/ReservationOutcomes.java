package dev.ordersaga.inventory.domain;

import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.EventTime;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.StockCommitted;
import dev.ordersaga.events.StockRejected;
import dev.ordersaga.events.StockReleased;
import dev.ordersaga.events.StockReserved;
import java.time.Clock;
import java.util.List;

/**
 * The events a reservation says, built from what it stores: the event id is derived from the
 * order ({@link EventIds#about}) and the time is the stored decision time, so a redelivered cause
 * gets exactly the same event again.
 */
public final class ReservationOutcomes {

    private ReservationOutcomes() {}

    public static StockReserved stockReserved(Reservation reservation) {
        return new StockReserved(
                EventIds.about(reservation.orderId(), StockReserved.class),
                reservation.orderId(),
                reservation.reservedAt(),
                reservation.correlationId(),
                reservation.lines().stream().map(ReservationLine::pricedLine).toList(),
                reservation.total(),
                reservation.customerId(),
                reservation.paymentMethod());
    }

    public static StockRejected stockRejected(Reservation reservation) {
        return new StockRejected(
                EventIds.about(reservation.orderId(), StockRejected.class),
                reservation.orderId(),
                reservation.finishedAt(),
                reservation.correlationId(),
                reservation.reason(),
                reservation.productIds(),
                reservation.detail());
    }

    /** A late {@code CustomerValidated} for an order already decided; timed at the decision. */
    public static StockRejected orderAlreadyTerminal(Reservation reservation, String correlationId) {
        String orderId = reservation.orderId();
        return new StockRejected(
                EventIds.about(orderId, StockRejected.class),
                orderId,
                decidedAt(reservation),
                correlationId,
                ReasonCode.ORDER_ALREADY_TERMINAL,
                List.of(),
                "Order " + orderId + " is already decided; nothing was reserved.");
    }

    public static StockReleased stockReleased(Reservation reservation) {
        return new StockReleased(
                EventIds.about(reservation.orderId(), StockReleased.class),
                reservation.orderId(),
                reservation.finishedAt(),
                reservation.correlationId(),
                reservation.releasedLines().stream()
                        .map(ReservationLine::orderLine)
                        .toList(),
                reservation.reason());
    }

    /** The order's end, for an order that holds nothing; timed at the reservation's own end. */
    public static StockReleased nothingReleased(Reservation reservation, String correlationId, ReasonCode reason) {
        String orderId = reservation.orderId();
        return new StockReleased(
                EventIds.about(orderId, StockReleased.class),
                orderId,
                decidedAt(reservation),
                correlationId,
                List.of(),
                reason);
    }

    public static StockCommitted stockCommitted(Reservation reservation) {
        return new StockCommitted(
                EventIds.about(reservation.orderId(), StockCommitted.class),
                reservation.orderId(),
                reservation.finishedAt(),
                reservation.correlationId(),
                reservation.lines().stream().map(ReservationLine::orderLine).toList());
    }

    /** When the reservation was decided (stored), so that an outcome said again carries the same time. */
    private static java.time.Instant decidedAt(Reservation reservation) {
        return reservation.finishedAt() != null ? reservation.finishedAt() : EventTime.now(Clock.systemUTC());
    }
}
