package dev.ordersaga.order.saga;

import dev.ordersaga.events.CustomerEvent;
import dev.ordersaga.events.GatewayEvent;
import dev.ordersaga.events.InventoryEvent;
import dev.ordersaga.events.PaymentEvent;
import dev.ordersaga.events.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The saga's inputs. One container per topic, so a slow topic never holds up another; events of
 * one order on different topics may therefore be handled at the same time, which the saga's
 * conditional writes settle. Each method records the event, then publishes what it left to say;
 * the offset is committed after that, so a crash in between brings the event again.
 */
@Component
class SagaListener {

    private final OrderSaga saga;
    private final StepPublisher steps;

    SagaListener(OrderSaga saga, StepPublisher steps) {
        this.saga = saga;
        this.steps = steps;
    }

    @KafkaListener(topics = Topics.ORDER_REQUESTS)
    void on(GatewayEvent event) {
        steps.publish(saga.record(event));
    }

    @KafkaListener(topics = Topics.CUSTOMER_EVENTS)
    void on(CustomerEvent event) {
        steps.publish(saga.record(event));
    }

    @KafkaListener(topics = Topics.INVENTORY_EVENTS)
    void on(InventoryEvent event) {
        steps.publish(saga.record(event));
    }

    @KafkaListener(topics = Topics.PAYMENT_EVENTS)
    void on(PaymentEvent event) {
        steps.publish(saga.record(event));
    }
}
