package dev.ordersaga.inventory.api;

import dev.ordersaga.events.Money;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.inventory.domain.LineState;
import dev.ordersaga.inventory.domain.Reservation;
import dev.ordersaga.inventory.domain.ReservationLine;
import dev.ordersaga.inventory.domain.ReservationStatus;
import java.time.Instant;
import java.util.List;

/** An order's reservation as the admin API shows it. */
public record ReservationView(
        String orderId,
        ReservationStatus status,
        String customerId,
        List<Line> lines,
        Money total,
        ReasonCode reason,
        List<String> productIds,
        List<Line> releasedLines,
        Instant createdAt,
        Instant reservedAt,
        Instant finishedAt) {

    public record Line(String productId, int quantity, LineState state, Money unitPrice) {
        static Line of(ReservationLine line) {
            return new Line(line.productId(), line.quantity(), line.state(), line.unitMoney());
        }
    }

    static ReservationView of(Reservation reservation) {
        return new ReservationView(
                reservation.orderId(),
                reservation.status(),
                reservation.customerId(),
                reservation.lines().stream().map(Line::of).toList(),
                reservation.total(),
                reservation.reason(),
                reservation.productIds(),
                reservation.releasedLines().stream().map(Line::of).toList(),
                reservation.createdAt(),
                reservation.reservedAt(),
                reservation.finishedAt());
    }
}
