package dev.ordersaga.inventory.saga;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.Topics;
import dev.ordersaga.inventory.domain.OrderStock;
import dev.ordersaga.saga.SagaRuntime;
import dev.ordersaga.saga.SagaRuntimes;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * inventory's inputs, a poll at a time, on the saga runtime: {@link InventorySteps} routes each
 * event to its step; the runtime publishes the outcomes and waits for the broker before the
 * offsets are committed, so an outcome is never lost: a crash before the commit redelivers the
 * cause and the step answers it again, with the same event id.
 */
@Component
public class SagaListener {

    private final SagaRuntime<OrderStock> runtime;

    static final String PARTICIPANT = "inventory-service";

    SagaListener(SagaRuntimes runtimes, InventorySteps steps) {
        this.runtime = runtimes.of(PARTICIPANT, steps);
    }

    // names its participant: the consumer reads only the types InventorySteps handles, the others
    // (CustomerRejected, PaymentCompleted, PaymentRefunded) are passed over by their event_type header, unread

    @KafkaListener(
            id = "inventory-saga",
            idIsGroup = false,
            batch = "true",
            topics = {Topics.CUSTOMER_EVENTS, Topics.PAYMENT_EVENTS, Topics.ORDER_EVENTS},
            properties = SagaRuntimes.PARTICIPANT + "=" + PARTICIPANT)
    void on(List<ConsumerRecord<String, Event>> batch) {
        runtime.process(batch);
    }
}
