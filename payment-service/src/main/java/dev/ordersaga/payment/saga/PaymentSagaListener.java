package dev.ordersaga.payment.saga;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.Topics;
import dev.ordersaga.payment.domain.Payment;
import dev.ordersaga.saga.SagaRuntime;
import dev.ordersaga.saga.SagaRuntimes;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The saga's entry point: what one poll of inventory's and order-service's events returned, as one
 * batch on the saga runtime ({@link PaymentSteps} decides per event). The runtime stores, then
 * publishes and waits for the broker, then the offsets are committed; a crash in between brings
 * the causes back and the stored payments re-emit the same outcomes.
 */
@Component
class PaymentSagaListener {

    private final SagaRuntime<Payment> runtime;

    static final String PARTICIPANT = "payment-service";

    PaymentSagaListener(SagaRuntimes runtimes, PaymentSteps steps) {
        this.runtime = runtimes.of(PARTICIPANT, steps);
    }

    // names its participant: the consumer reads only the types PaymentSteps handles, the others
    // (StockCommitted, OrderConfirmed, ...) are passed over by their event_type header, unread
    @KafkaListener(
            id = "payment-saga",
            idIsGroup = false,
            batch = "true",
            topics = {Topics.INVENTORY_EVENTS, Topics.ORDER_EVENTS},
            properties = SagaRuntimes.PARTICIPANT + "=" + PARTICIPANT)
    void on(List<ConsumerRecord<String, Event>> batch) {
        runtime.process(batch);
    }
}
