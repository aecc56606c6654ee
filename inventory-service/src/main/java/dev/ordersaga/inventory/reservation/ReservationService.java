package dev.ordersaga.inventory.reservation;

import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.EventTime;
import dev.ordersaga.events.InventoryEvent;
import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderConfirmed;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.StockCommitted;
import dev.ordersaga.events.StockRejected;
import dev.ordersaga.events.StockReleased;
import dev.ordersaga.events.StockReserved;
import dev.ordersaga.inventory.config.InventorySettings;
import dev.ordersaga.inventory.product.Product;
import dev.ordersaga.inventory.product.ProductStock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
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

    /** How often one line is retried when its hold failed but a re-read says it should succeed (a racing refill). */
    private static final int HOLD_ATTEMPTS = 3;

    private final Reservations reservations;
    private final ProductStock stock;
    private final InventorySettings settings;
    private final MeterRegistry meters;

    public ReservationService(
            Reservations reservations, ProductStock stock, InventorySettings settings, MeterRegistry meters) {
        this.reservations = reservations;
        this.stock = stock;
        this.settings = settings;
        this.meters = meters;
    }

    /** {@code CustomerValidated}: hold every line or none → {@code StockReserved} or {@code StockRejected}. */
    public InventoryEvent reserve(CustomerValidated event) {
        return reserve(event, null);
    }

    /** {@link #reserve(CustomerValidated)}, given the order's reservation as the batch read it (null: none, or unknown). */
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
     * the one decider never releases.
     */
    public Optional<InventoryEvent> release(String orderId, String correlationId, ReasonCode reason) {
        return release(orderId, correlationId, reason, null);
    }

    /** {@link #release(String, String, ReasonCode)}, given the order's reservation as the batch read it. */
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

    /** {@code OrderConfirmed}: what the order holds is sold → {@code StockCommitted}. */
    public Optional<InventoryEvent> commit(OrderConfirmed event) {
        return commit(event, null);
    }

    /** {@link #commit(OrderConfirmed)}, given the order's reservation as the batch read it. */
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
            case RESERVED, COMMITTED -> stockReserved(reservation);
            case REJECTED -> {
                // A crash may have come between deciding and giving back; giving back again is a no-op.
                giveBack(reservation, reservation.lines());
                yield stockRejected(reservation);
            }
            case RELEASED -> {
                if (reservation.wasReserved()) {
                    yield stockReserved(reservation);
                }
                // The order was decided while its lines were being applied: undo what this step held.
                giveBack(reservation, reservation.lines());
                yield orderAlreadyTerminal(reservation.orderId(), event.correlationId());
            }
            case CLOSED -> orderAlreadyTerminal(reservation.orderId(), event.correlationId());
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
            HoldResult held = hold(reservation, line);
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
        return stockReserved(reservation);
    }

    /** The price of a held line, or why it cannot be held. */
    private record HoldResult(Money price, Rejection rejection) {}

    private HoldResult hold(Reservation reservation, ReservationLine line) {
        String orderId = reservation.orderId();
        for (int attempt = 1; ; attempt++) {
            Optional<Product> held = stock.hold(line.productId(), orderId, line.quantity());
            if (held.isPresent()) {
                return new HoldResult(held.get().price().toMoney(), null);
            }
            if (stock.isHeldFor(line.productId(), orderId)) {
                // Held before a crash that came before the line was marked: the move happened once, keep it.
                Product product = stock.find(List.of(line.productId())).getFirst();
                return new HoldResult(product.price().toMoney(), null);
            }
            // Name every offender among the lines not yet held, not just the first one found.
            List<ReservationLine> notHeld = reservation.pendingLines();
            Map<String, Product> products =
                    stock.find(notHeld.stream().map(ReservationLine::productId).toList()).stream()
                            .collect(Collectors.toMap(Product::id, Function.identity()));
            Optional<Rejection> rejection = StockCheck.diagnose(notHeld, products);
            if (rejection.isPresent() && rejection.get().productIds().contains(line.productId())) {
                return new HoldResult(null, rejection.get());
            }
            if (rejection.isPresent() || attempt == HOLD_ATTEMPTS) {
                // This line looks holdable now (stock came back in between) but another line fails,
                // or it keeps losing races: reject for what the read says, or for this line.
                return new HoldResult(
                        null,
                        rejection.orElseGet(() -> new Rejection(
                                ReasonCode.INSUFFICIENT_STOCK,
                                List.of(line.productId()),
                                "Not enough in stock: " + line.productId() + ".")));
            }
        }
    }

    /** Decide first (the document says REJECTED), then give back: a crash in between is finished by the redelivery. */
    private InventoryEvent reject(Reservation reservation, Rejection rejection) {
        List<ReservationLine> toGiveBack = reservation.appliedLines();
        reservation.reject(rejection.reason(), rejection.productIds(), rejection.detail(), now());
        reservation = reservations.save(reservation);
        giveBack(reservation, toGiveBack);
        log.info("order {} rejected: {} {}", reservation.orderId(), rejection.reason(), rejection.productIds());
        return stockRejected(reservation);
    }

    private Optional<InventoryEvent> releaseFrom(Reservation reservation, String correlationId, ReasonCode reason) {
        return switch (reservation.status()) {
            case RESERVING, RESERVED -> {
                List<ReservationLine> released = reservation.release(reason, now());
                reservation = reservations.save(reservation);
                // Every line, not only those marked applied: a RESERVING order may hold a line it has
                // not marked yet. Lines it does not hold are not touched (the product says so).
                giveBack(reservation, reservation.lines());
                log.info("order {} released {} lines: {}", reservation.orderId(), released.size(), reason);
                yield Optional.of(stockReleased(reservation));
            }
            case RELEASED -> {
                giveBack(reservation, reservation.lines());
                yield Optional.of(stockReleased(reservation));
            }
            case REJECTED -> {
                giveBack(reservation, reservation.lines());
                yield Optional.of(nothingReleased(reservation.orderId(), correlationId, reason));
            }
            case CLOSED -> Optional.of(nothingReleased(reservation.orderId(), correlationId, reservation.reason()));
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
                sell(reservation);
                log.info("order {} committed", reservation.orderId());
                yield Optional.of(stockCommitted(reservation));
            }
            case COMMITTED -> {
                sell(reservation);
                yield Optional.of(stockCommitted(reservation));
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

    private void giveBack(Reservation reservation, List<ReservationLine> lines) {
        for (ReservationLine line : lines) {
            stock.giveBack(line.productId(), reservation.orderId(), line.quantity());
        }
    }

    private void sell(Reservation reservation) {
        for (ReservationLine line : reservation.lines()) {
            stock.sell(line.productId(), reservation.orderId(), line.quantity());
        }
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

    private static StockReserved stockReserved(Reservation reservation) {
        return new StockReserved(
                EventIds.about(reservation.orderId(), StockReserved.class),
                reservation.orderId(),
                reservation.reservedAt(),
                reservation.correlationId(),
                reservation.pricedLines(),
                reservation.total(),
                reservation.customerId(),
                reservation.paymentMethod());
    }

    private static StockRejected stockRejected(Reservation reservation) {
        return new StockRejected(
                EventIds.about(reservation.orderId(), StockRejected.class),
                reservation.orderId(),
                reservation.finishedAt(),
                reservation.correlationId(),
                reservation.reason(),
                reservation.productIds(),
                reservation.detail());
    }

    private static StockRejected orderAlreadyTerminal(String orderId, String correlationId) {
        return new StockRejected(
                EventIds.about(orderId, StockRejected.class),
                orderId,
                now(),
                correlationId,
                ReasonCode.ORDER_ALREADY_TERMINAL,
                List.of(),
                "Order " + orderId + " is already decided; nothing was reserved.");
    }

    private static StockReleased stockReleased(Reservation reservation) {
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

    private static StockReleased nothingReleased(String orderId, String correlationId, ReasonCode reason) {
        return new StockReleased(
                EventIds.about(orderId, StockReleased.class), orderId, now(), correlationId, List.of(), reason);
    }

    private static StockCommitted stockCommitted(Reservation reservation) {
        return new StockCommitted(
                EventIds.about(reservation.orderId(), StockCommitted.class),
                reservation.orderId(),
                reservation.finishedAt(),
                reservation.correlationId(),
                reservation.lines().stream().map(ReservationLine::orderLine).toList());
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
