package dev.ordersaga.inventory.saga;

import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.EventTime;
import dev.ordersaga.events.InventoryEvent;
import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderConfirmed;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.StockRejected;
import dev.ordersaga.events.StockReleased;
import dev.ordersaga.inventory.config.InventorySettings;
import dev.ordersaga.inventory.domain.Rejection;
import dev.ordersaga.inventory.domain.Reservation;
import dev.ordersaga.inventory.domain.ReservationLine;
import dev.ordersaga.inventory.domain.ReservationOutcomes;
import dev.ordersaga.inventory.domain.StockCheck;
import dev.ordersaga.inventory.store.ProductStock;
import dev.ordersaga.inventory.store.Reservations;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * The saga steps of inventory. Each takes an event and returns the outcome to publish; each is
 * idempotent: run twice (a redelivery, also after a crash at any point) it changes nothing more and
 * returns the same outcome, with the same event id.
 *
 * <p>How, without transactions: the reservation document is written before any stock moves and
 * records the decision; every stock move is one conditional update of one product that records the
 * order id in the product ({@link ProductStock}), so repeating a move is a no-op. A redelivery reads
 * the reservation and resumes: it finishes what a RESERVING reservation started, or repeats the
 * (idempotent) moves a decided one implies. See the README for the full argument.
 */
@Service
public class ReservationService {

    private static final Logger log = LoggerFactory.getLogger(ReservationService.class);

    private final Reservations reservations;
    private final StockMoves moves;
    private final InventorySettings settings;
    private final MeterRegistry meters;

    public ReservationService(
            Reservations reservations, StockMoves moves, InventorySettings settings, MeterRegistry meters) {
        this.reservations = reservations;
        this.moves = moves;
        this.settings = settings;
        this.meters = meters;
    }

    /**
     * {@code CustomerValidated}: hold every line or none → {@code StockReserved} or {@code
     * StockRejected}, given the order's reservation as the batch read it (null: none, or unknown).
     */
    InventoryEvent reserve(CustomerValidated event, Reservation known) {
        return timed("reserve", () -> {
            Reservation fresh = Reservation.open(
                    event.orderId(),
                    event.customerId(),
                    event.paymentMethod(),
                    event.correlationId(),
                    StockCheck.merge(event.lines()),
                    now());
            Reservation stored = known != null ? known : reservations.insertOrGet(fresh);
            InventoryEvent outcome =
                    retryingConflicts(event.orderId(), stored, reservation -> reserveFrom(reservation, event));
            count(outcome);
            return outcome;
        });
    }

    /**
     * {@code PaymentFailed}, {@code OrderRejected}, {@code OrderCancelled}: give back whatever the order
     * holds → {@code StockReleased} (no lines if it held nothing). An order never seen is recorded as
     * closed, so a late {@code CustomerValidated} is refused. Empty only for a committed order, which
     * the one decider never releases. Given the order's reservation as the batch read it.
     */
    Optional<InventoryEvent> release(String orderId, String correlationId, ReasonCode reason, Reservation known) {
        return timed("release", () -> releaseOrder(orderId, correlationId, reason, known));
    }

    private Optional<InventoryEvent> releaseOrder(
            String orderId, String correlationId, ReasonCode reason, Reservation known) {
        Reservation stored = Optional.ofNullable(known)
                .or(() -> reservations.find(orderId))
                .orElseGet(() -> reservations.insertOrGet(Reservation.closed(orderId, correlationId, reason, now())));
        Optional<InventoryEvent> outcome =
                retryingConflicts(orderId, stored, reservation -> releaseFrom(reservation, correlationId, reason));
        outcome.ifPresent(this::count);
        return outcome;
    }

    /** {@code OrderConfirmed}: what the order holds is sold → {@code StockCommitted}, given the reservation as read. */
    Optional<InventoryEvent> commit(OrderConfirmed event, Reservation known) {
        return timed("commit", () -> commitOrder(event, known));
    }

    private Optional<InventoryEvent> commitOrder(OrderConfirmed event, Reservation known) {
        Optional<Reservation> found = Optional.ofNullable(known).or(() -> reservations.find(event.orderId()));
        if (found.isEmpty()) {
            // Cannot happen with one decider (confirmation needs StockReserved); make sure nothing is reserved later.
            log.error("order {} confirmed but inventory never reserved it; closing it", event.orderId());
            reservations.insertOrGet(Reservation.closed(event.orderId(), event.correlationId(), null, now()));
            return Optional.empty();
        }
        Optional<InventoryEvent> outcome = retryingConflicts(event.orderId(), found.get(), this::commitFrom);
        outcome.ifPresent(this::count);
        return outcome;
    }

    private InventoryEvent reserveFrom(Reservation reservation, CustomerValidated event) {
        return switch (reservation.status()) {
            case RESERVING -> applyLines(reservation);
            case RESERVED, COMMITTED -> ReservationOutcomes.stockReserved(reservation);
            case REJECTED -> {
                // A crash may have come between deciding and giving back; giving back again is a no-op.
                moves.giveBack(reservation, reservation.lines());
                yield ReservationOutcomes.stockRejected(reservation);
            }
            case RELEASED -> {
                if (reservation.wasReserved()) {
                    yield ReservationOutcomes.stockReserved(reservation);
                }
                // The order was decided while its lines were being applied: undo what this step held.
                moves.giveBack(reservation, reservation.lines());
                yield ReservationOutcomes.orderAlreadyTerminal(reservation, event.correlationId());
            }
            case CLOSED -> ReservationOutcomes.orderAlreadyTerminal(reservation, event.correlationId());
        };
    }

    /**
     * Holds the pending lines one by one, marking each applied, and saves the document once, with
     * the RESERVED decision. No save between lines: a crash after a hold is recognised by the
     * product itself (it records the order among its holders), and every event of one order is
     * handled by one consumer thread (the three input topics are co-partitioned), so nothing
     * changes the document in between; a zombie instance that did is caught by the final save's
     * version, and the step then resumes from what the document says.
     */
    private InventoryEvent applyLines(Reservation reservation) {
        String orderId = reservation.orderId();
        List<ReservationLine> pending = reservation.pendingLines();
        for (int i = 0; i < pending.size(); i++) {
            ReservationLine line = pending.get(i);
            StockMoves.HoldResult held = moves.hold(reservation, line);
            if (held.rejection() != null) {
                return reject(reservation, held.rejection());
            }
            reservation.lineApplied(line.productId(), held.price());
            Optional<Rejection> mismatch = StockCheck.currencyMismatch(reservation.appliedLines());
            if (mismatch.isPresent()) {
                return reject(reservation, mismatch.get());
            }
        }
        Money total = reservation.reserve(now());
        reservation = reservations.save(reservation);
        log.info(
                "order {} reserved: {} lines, total {}",
                orderId,
                reservation.lines().size(),
                total);
        return ReservationOutcomes.stockReserved(reservation);
    }

    /** Decide first (the document says REJECTED), then give back: a crash in between is finished by the redelivery. */
    private InventoryEvent reject(Reservation reservation, Rejection rejection) {
        List<ReservationLine> toGiveBack = reservation.appliedLines();
        reservation.reject(rejection.reason(), rejection.productIds(), rejection.detail(), now());
        reservation = reservations.save(reservation);
        moves.giveBack(reservation, toGiveBack);
        log.info("order {} rejected: {} {}", reservation.orderId(), rejection.reason(), rejection.productIds());
        return ReservationOutcomes.stockRejected(reservation);
    }

    private Optional<InventoryEvent> releaseFrom(Reservation reservation, String correlationId, ReasonCode reason) {
        return switch (reservation.status()) {
            case RESERVING, RESERVED -> {
                List<ReservationLine> released = reservation.release(reason, now());
                reservation = reservations.save(reservation);
                // Every line, not only those marked applied: a RESERVING order may hold a line it has
                // not marked yet. Lines it does not hold are not touched (the product says so).
                moves.giveBack(reservation, reservation.lines());
                log.info("order {} released {} lines: {}", reservation.orderId(), released.size(), reason);
                yield Optional.of(ReservationOutcomes.stockReleased(reservation));
            }
            case RELEASED -> {
                moves.giveBack(reservation, reservation.lines());
                yield Optional.of(ReservationOutcomes.stockReleased(reservation));
            }
            case REJECTED -> {
                moves.giveBack(reservation, reservation.lines());
                yield Optional.of(ReservationOutcomes.nothingReleased(reservation, correlationId, reason));
            }
            case CLOSED ->
                Optional.of(ReservationOutcomes.nothingReleased(reservation, correlationId, reservation.reason()));
            case COMMITTED -> {
                log.error(
                        "order {} was confirmed and committed; refusing to release it for {}",
                        reservation.orderId(),
                        reason);
                yield Optional.empty();
            }
        };
    }

    private Optional<InventoryEvent> commitFrom(Reservation reservation) {
        return switch (reservation.status()) {
            case RESERVED -> {
                reservation.commit(now());
                reservation = reservations.save(reservation);
                moves.sell(reservation);
                log.info("order {} committed", reservation.orderId());
                yield Optional.of(ReservationOutcomes.stockCommitted(reservation));
            }
            case COMMITTED -> {
                moves.sell(reservation);
                yield Optional.of(ReservationOutcomes.stockCommitted(reservation));
            }
            case RESERVING, REJECTED, RELEASED, CLOSED -> {
                log.error(
                        "order {} confirmed but its reservation is {}; nothing to commit",
                        reservation.orderId(),
                        reservation.status());
                yield Optional.empty();
            }
        };
    }

    /**
     * Runs a step on the stored reservation; if another thread saved the document in between (the
     * optimistic version says so), re-reads it and runs the step again from what it now says.
     */
    private <T> T retryingConflicts(String orderId, Reservation stored, Function<Reservation, T> step) {
        Reservation reservation = stored;
        for (int attempt = 0; ; attempt++) {
            try {
                return step.apply(reservation);
            } catch (OptimisticLockingFailureException e) {
                if (attempt >= settings.conflictRetries()) {
                    throw e;
                }
                log.debug("reservation of order {} changed concurrently; re-reading", orderId);
                reservation = reservations.get(orderId);
            }
        }
    }

    /** How long each step takes in the database (the publish is not included), by step. */
    private <T> T timed(String step, Supplier<T> work) {
        return Timer.builder("inventory.saga.step")
                .tag("step", step)
                .register(meters)
                .record(work);
    }

    private void count(InventoryEvent outcome) {
        String reason = switch (outcome) {
            case StockRejected rejected -> rejected.reason().name();
            case StockReleased released ->
                released.reason() == null ? "NONE" : released.reason().name();
            default -> "NONE";
        };
        meters.counter("inventory.saga.outcomes", "type", outcome.type(), "reason", reason)
                .increment();
    }

    /** Mongo keeps milliseconds; cutting here makes a re-emitted outcome carry the same time as the first. */
    private static Instant now() {
        return EventTime.now(Clock.systemUTC());
    }
}
