package dev.ordersaga.inventory.reservation;

import dev.ordersaga.events.CustomerEvent;
import dev.ordersaga.events.CustomerRejected;
import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.OrderCancelled;
import dev.ordersaga.events.OrderConfirmed;
import dev.ordersaga.events.OrderEvent;
import dev.ordersaga.events.OrderRejected;
import dev.ordersaga.events.PaymentCompleted;
import dev.ordersaga.events.PaymentEvent;
import dev.ordersaga.events.PaymentFailed;
import dev.ordersaga.events.PaymentRefunded;
import dev.ordersaga.events.Topics;
import dev.ordersaga.support.kafka.EventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Thin reactions: take the event, call one service method, publish what it returns. The container
 * commits the offset only after this returns, and {@link EventPublisher#publish} waits for the
 * broker, so an outcome is never lost: a crash before the offset commit redelivers the cause and
 * the service answers it again, with the same event id.
 */
@Component
public class SagaListener {

    private final ReservationService reservations;
    private final EventPublisher publisher;

    public SagaListener(ReservationService reservations, EventPublisher publisher) {
        this.reservations = reservations;
        this.publisher = publisher;
    }

    @KafkaListener(id = "inventory-customer-events", idIsGroup = false, topics = Topics.CUSTOMER_EVENTS)
    void on(CustomerEvent event) {
        switch (event) {
            case CustomerValidated validated -> publisher.publish(reservations.reserve(validated));
            case CustomerRejected rejected -> {
                // The order never reaches inventory; nothing to hold.
            }
        }
    }

    @KafkaListener(id = "inventory-payment-events", idIsGroup = false, topics = Topics.PAYMENT_EVENTS)
    void on(PaymentEvent event) {
        switch (event) {
            case PaymentFailed failed ->
                reservations
                        .release(failed.orderId(), failed.correlationId(), failed.reason())
                        .ifPresent(publisher::publish);
            case PaymentCompleted completed -> {
                // Inventory waits for order-service's decision (OrderConfirmed) before it commits.
            }
            case PaymentRefunded refunded -> {
                // The order's own OrderRejected/OrderCancelled is what releases its stock.
            }
        }
    }

    @KafkaListener(id = "inventory-order-events", idIsGroup = false, topics = Topics.ORDER_EVENTS)
    void on(OrderEvent event) {
        switch (event) {
            case OrderConfirmed confirmed -> reservations.commit(confirmed).ifPresent(publisher::publish);
            case OrderRejected rejected ->
                reservations
                        .release(rejected.orderId(), rejected.correlationId(), rejected.reason())
                        .ifPresent(publisher::publish);
            case OrderCancelled cancelled ->
                reservations
                        .release(cancelled.orderId(), cancelled.correlationId(), cancelled.reason())
                        .ifPresent(publisher::publish);
        }
    }
}
