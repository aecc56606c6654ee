package dev.ordersaga.inventory.saga;

import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.Event;
import dev.ordersaga.events.EventTime;
import dev.ordersaga.events.InventoryEvent;
import dev.ordersaga.events.OrderCancelled;
import dev.ordersaga.events.OrderConfirmed;
import dev.ordersaga.events.OrderRejected;
import dev.ordersaga.events.PaymentFailed;
import dev.ordersaga.events.StockRejected;
import dev.ordersaga.events.StockReleased;
import dev.ordersaga.inventory.domain.OrderStock;
import dev.ordersaga.inventory.domain.Reservation;
import dev.ordersaga.inventory.store.OrderStocks;
import dev.ordersaga.saga.SagaParticipant;
import dev.ordersaga.saga.SagaStep;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * inventory-service on the saga runtime, a pure participant: {@link #load} reads the batch's
 * reservations (those not kept in memory: the runtime keeps what this instance stored for the
 * orders of its partitions) and the products they name in two queries (no product for a
 * confirmation of a reserved order: {@link OrderStock#sellsUnread}), {@link #apply} decides each event in
 * memory ({@link OrderStock} guards the transitions and says the outcome), and {@link #store} writes
 * the stock moves and the reservations in one guarded bulk write each. An order whose guard is
 * refused (someone else moved the product or wrote the reservation meanwhile) is loaded and decided
 * again by the runtime; the outcomes are published once everything is stored.
 *
 * <p>No event starts an order's state here ({@link SagaParticipant#startsState} is not declared):
 * a reservation is read before its {@code CustomerValidated} is decided, although there is none
 * unless the validation is redelivered. The stock moves are written before the reservation, and
 * the products' holders say only what an order holds now: after a sale or a give-back a validation
 * decided on no reservation would hold the units again before the reservation's insert is refused.
 *
 * <table>
 *   <caption>what inventory does with each event</caption>
 *   <tr><th>event</th><th>step</th><th>outcome</th></tr>
 *   <tr><td>CustomerValidated</td><td>hold every line or none</td><td>StockReserved or StockRejected</td></tr>
 *   <tr><td>PaymentFailed, OrderRejected, OrderCancelled</td><td>give back whatever the order holds</td><td>StockReleased</td></tr>
 *   <tr><td>OrderConfirmed</td><td>what the order holds is sold</td><td>StockCommitted</td></tr>
 *   <tr><td>CustomerRejected, PaymentCompleted, PaymentRefunded</td><td>nothing: no stock involved, or the decision is awaited</td><td>none</td></tr>
 * </table>
 */
@Component
class InventorySteps implements SagaParticipant<OrderStock> {

    private static final Logger log = LoggerFactory.getLogger(InventorySteps.class);

    private final OrderStocks store;
    private final Meter.MeterProvider<Timer> steps;
    private final Meter.MeterProvider<Counter> outcomes;
    private final Clock clock = Clock.systemUTC();

    InventorySteps(OrderStocks store, MeterRegistry meters) {
        this.store = store;
        // built once: each record only names its tags (no builder per record)
        this.steps = Timer.builder("inventory.saga.step").withRegistry(meters);
        this.outcomes = Counter.builder("inventory.saga.outcomes").withRegistry(meters);
    }

    @Override
    public Set<Class<? extends Event>> handledTypes() {
        return Set.of(
                CustomerValidated.class,
                PaymentFailed.class,
                OrderConfirmed.class,
                OrderRejected.class,
                OrderCancelled.class);
    }

    @Override
    public Map<String, OrderStock> load(Map<String, List<Event>> eventsByOrder) {
        return store.load(eventsByOrder, Map.of());
    }

    /**
     * The reservations this instance stored for orders of its partitions are kept in memory ({@code
     * saga.runtime.cache-states}): they are not read again, the products always are (others move them),
     * except for a sale of a reserved order ({@link OrderStock#sellsUnread}).
     */
    @Override
    public Map<String, OrderStock> load(
            Map<String, List<Event>> eventsByOrder, Set<String> unread, Map<String, OrderStock> kept) {
        Map<String, Reservation> known = new HashMap<>();
        kept.forEach((order, stock) -> {
            if (stock.reservation() != null) {
                known.put(order, stock.reservation());
            }
        });
        return store.load(eventsByOrder, known);
    }

    @Override
    public SagaStep<OrderStock> apply(Event event, OrderStock order) {
        if (order == null) {
            throw new IllegalStateException(
                    "inventory-service loads every order of a batch; " + event.key() + " is missing");
        }
        Instant now = EventTime.now(clock);
        Optional<InventoryEvent> outcome = switch (event) {
            case CustomerValidated validated -> timed("reserve", () -> Optional.of(order.reserve(validated, now)));
            case PaymentFailed failed ->
                timed("release", () -> order.release(failed.correlationId(), failed.reason(), now));
            case OrderRejected rejected ->
                timed("release", () -> order.release(rejected.correlationId(), rejected.reason(), now));
            case OrderCancelled cancelled ->
                timed("release", () -> order.release(cancelled.correlationId(), cancelled.reason(), now));
            case OrderConfirmed confirmed -> timed("commit", () -> order.commit(confirmed.correlationId(), now));
            default -> throw new IllegalArgumentException("inventory-service does not consume " + event.type());
        };
        if (outcome.isEmpty()) {
            // Cannot happen with one decider: a confirmation of an order not reserved, or a release of a sold one.
            log.error("order {}: {} ignored, its reservation is {}", event.key(), event.type(), status(order));
        }
        outcome.ifPresent(this::count);
        return order.changed()
                ? SagaStep.changed(order, outcome.stream().toList())
                : SagaStep.unchanged(order, outcome.stream().toList());
    }

    @Override
    public Set<String> store(Map<String, OrderStock> changed) {
        return store.storeAll(changed.values());
    }

    private static Object status(OrderStock order) {
        return order.reservation() == null ? "absent" : order.reservation().status();
    }

    /** How long each step takes to decide (in memory; the store's writes are the batch's). */
    private <T> T timed(String step, Supplier<T> work) {
        return steps.withTags("step", step).record(work);
    }

    private void count(InventoryEvent outcome) {
        String reason = switch (outcome) {
            case StockRejected rejected -> rejected.reason().name();
            case StockReleased released ->
                released.reason() == null ? "NONE" : released.reason().name();
            default -> "NONE";
        };
        outcomes.withTags("type", outcome.type(), "reason", reason).increment();
    }
}
