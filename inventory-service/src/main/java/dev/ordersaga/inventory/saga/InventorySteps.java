package dev.ordersaga.inventory.saga;

import dev.ordersaga.events.CustomerRejected;
import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.Event;
import dev.ordersaga.events.OrderCancelled;
import dev.ordersaga.events.OrderConfirmed;
import dev.ordersaga.events.OrderRejected;
import dev.ordersaga.events.PaymentCompleted;
import dev.ordersaga.events.PaymentFailed;
import dev.ordersaga.events.PaymentRefunded;
import dev.ordersaga.inventory.domain.Reservation;
import dev.ordersaga.inventory.store.Reservations;
import dev.ordersaga.saga.SagaParticipant;
import dev.ordersaga.saga.SagaStep;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * inventory-service on the saga runtime: the reservations of a batch's orders are read in one
 * query, each event is routed to its {@link ReservationService} step, and the outcomes are
 * published by the runtime, which waits for the broker once per batch.
 *
 * <p>Unlike the other participants, the step is not pure: a stock move is a conditional update
 * of a product that many orders share, and only the store can say whether it succeeded, so the
 * step writes the reservation and moves the stock itself ({@link ReservationService}, idempotent
 * and resumable), and {@link #store} has nothing left to write. The state handed to a step is the
 * reservation as the batch read it, used once: a second event of the same order in the batch
 * reads it again.
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
class InventorySteps implements SagaParticipant<Reservation> {

    private final ReservationService reservations;
    private final Reservations store;

    InventorySteps(ReservationService reservations, Reservations store) {
        this.reservations = reservations;
        this.store = store;
    }

    @Override
    public boolean handles(Event event) {
        return !(event instanceof CustomerRejected
                || event instanceof PaymentCompleted
                || event instanceof PaymentRefunded);
    }

    @Override
    public Map<String, Reservation> load(Map<String, List<Event>> eventsByOrder) {
        Map<String, Reservation> found = new HashMap<>();
        store.findAll(eventsByOrder.keySet()).forEach(reservation -> found.put(reservation.orderId(), reservation));
        return found;
    }

    @Override
    public SagaStep<Reservation> apply(Event event, Reservation known) {
        List<Event> outcome = switch (event) {
            case CustomerValidated validated -> List.of(reservations.reserve(validated, known));
            case PaymentFailed failed ->
                listOf(reservations.release(failed.orderId(), failed.correlationId(), failed.reason(), known));
            case OrderRejected rejected ->
                listOf(reservations.release(rejected.orderId(), rejected.correlationId(), rejected.reason(), known));
            case OrderCancelled cancelled ->
                listOf(reservations.release(cancelled.orderId(), cancelled.correlationId(), cancelled.reason(), known));
            case OrderConfirmed confirmed -> listOf(reservations.commit(confirmed, known));
            // The order never reaches inventory, or inventory waits for order-service's decision.
            case CustomerRejected ignored -> List.of();
            case PaymentCompleted ignored -> List.of();
            case PaymentRefunded ignored -> List.of();
            default -> throw new IllegalArgumentException("inventory-service does not consume " + event.type());
        };
        // Written by the step itself; the next event of this order in the batch reads it afresh.
        return SagaStep.unchanged(null, outcome);
    }

    @Override
    public Set<String> store(Map<String, Reservation> changed) {
        return Set.of();
    }

    private static List<Event> listOf(Optional<? extends Event> outcome) {
        return outcome.<List<Event>>map(List::of).orElse(List.of());
    }
}
