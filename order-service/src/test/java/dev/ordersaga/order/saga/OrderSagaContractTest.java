package dev.ordersaga.order.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.Event;
import dev.ordersaga.order.domain.Order;
import dev.ordersaga.testsupport.SagaServiceTest;
import dev.ordersaga.testsupport.participant.ParticipantContract;
import dev.ordersaga.testsupport.participant.SagaEvents;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * order-service keeps the participant contract through the real runtime: a redelivered event says
 * the same events (same ids) and changes nothing, and a participant's answer after the decision
 * decides nothing. The histories end unsettled at their decision (a decision that is settled the
 * moment it is taken, e.g. a rejection with nothing held, is not said again on a redelivery: nothing
 * is left to heal, see the README).
 */
@SagaServiceTest
class OrderSagaContractTest extends ParticipantContract<Order> {

    /** Events carry times cut to milliseconds, as every producer writes them. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    protected List<History> histories() {
        return List.of(
                new History("confirmed, then committed", order -> {
                    var saga = SagaEvents.oneOrder(order, now());
                    return List.of(
                            saga.orderRequested("h"),
                            saga.customerValidated(),
                            saga.stockReserved(),
                            saga.paymentCompleted(),
                            saga.stockCommitted());
                }),
                new History("paid before the stock was reserved", order -> {
                    var saga = SagaEvents.oneOrder(order, now());
                    return List.of(
                            saga.orderRequested("h"),
                            saga.customerValidated(),
                            saga.paymentCompleted(),
                            saga.stockReserved(),
                            saga.stockCommitted());
                }),
                new History("compensating", order -> {
                    var saga = SagaEvents.oneOrder(order, now());
                    return List.of(
                            saga.orderRequested("h"),
                            saga.customerValidated(),
                            saga.stockReserved(),
                            saga.paymentFailed());
                }));
    }

    @Override
    protected List<Late> lateSteps() {
        return List.of(new Late(
                "a payment failure after the order was confirmed and committed",
                order -> {
                    var saga = SagaEvents.oneOrder(order, now());
                    return List.<Event>of(
                            saga.orderRequested("h"),
                            saga.customerValidated(),
                            saga.stockReserved(),
                            saga.paymentCompleted(),
                            saga.stockCommitted(),
                            saga.paymentFailed());
                },
                // recorded on the timeline, but no news for anyone: nothing said, not even a reply
                said -> assertThat(said).isEmpty()));
    }
}
