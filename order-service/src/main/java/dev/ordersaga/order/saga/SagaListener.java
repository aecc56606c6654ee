package dev.ordersaga.order.saga;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.Topics;
import dev.ordersaga.order.domain.Order;
import dev.ordersaga.saga.SagaRuntime;
import dev.ordersaga.saga.SagaRuntimes;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The saga's inputs: one consumer group over the four co-partitioned topics (same partition
 * count, keyed by order id, range-assigned), so every event of one order is handled by one
 * thread, in order, and its order can stay in memory ({@code saga.runtime.cache-states}, on for
 * this service). Each poll is one batch; the runtime records, stores, publishes and waits for the
 * broker before the offsets are committed.
 */
@Component
class SagaListener {

    static final String ID = "order-saga";

    private final SagaRuntime<Order> runtime;

    SagaListener(SagaRuntimes runtimes, OrderSagaSteps steps) {
        this.runtime = runtimes.of("order-service", steps);
    }

    @KafkaListener(
            id = ID,
            idIsGroup = false,
            batch = "true",
            topics = {Topics.ORDER_REQUESTS, Topics.CUSTOMER_EVENTS, Topics.INVENTORY_EVENTS, Topics.PAYMENT_EVENTS})
    void on(List<ConsumerRecord<String, Event>> batch) {
        runtime.process(batch);
    }
}
