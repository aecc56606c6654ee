package dev.ordersaga.payment.payment;

import dev.ordersaga.events.InventoryEvent;
import dev.ordersaga.events.OrderCancelled;
import dev.ordersaga.events.OrderConfirmed;
import dev.ordersaga.events.OrderEvent;
import dev.ordersaga.events.OrderRejected;
import dev.ordersaga.events.StockCommitted;
import dev.ordersaga.events.StockRejected;
import dev.ordersaga.events.StockReleased;
import dev.ordersaga.events.StockReserved;
import dev.ordersaga.events.Topics;
import dev.ordersaga.support.kafka.EventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The saga's entry points: take the event, call the service, publish what it returns. State is
 * written before the publish and the offset is committed after it, so a crash in between brings
 * the cause back and the stored state re-emits the same outcome.
 */
@Component
class PaymentSagaListener {

    private final PaymentService payments;
    private final EventPublisher publisher;

    PaymentSagaListener(PaymentService payments, EventPublisher publisher) {
        this.payments = payments;
        this.publisher = publisher;
    }

    // idIsGroup = false: both listeners stay in the service's consumer group (application.yml);
    // the id only names the container and its threads.
    @KafkaListener(id = "payment-inventory-events", idIsGroup = false, topics = Topics.INVENTORY_EVENTS)
    void on(InventoryEvent event) {
        switch (event) {
            case StockReserved reserved -> publisher.publish(payments.charge(reserved));
            case StockRejected ignored -> {}
            case StockReleased ignored -> {}
            case StockCommitted ignored -> {}
        }
    }

    @KafkaListener(id = "payment-order-events", idIsGroup = false, topics = Topics.ORDER_EVENTS)
    void on(OrderEvent event) {
        switch (event) {
            case OrderRejected rejected ->
                payments.close(rejected.orderId(), rejected.reason(), rejected.correlationId())
                        .ifPresent(publisher::publish);
            case OrderCancelled cancelled ->
                payments.close(cancelled.orderId(), cancelled.reason(), cancelled.correlationId())
                        .ifPresent(publisher::publish);
            case OrderConfirmed ignored -> {}
        }
    }
}
