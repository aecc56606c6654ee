package dev.ordersaga.customer.saga;

import dev.ordersaga.customer.domain.CustomerCheck;
import dev.ordersaga.events.Event;
import dev.ordersaga.events.Topics;
import dev.ordersaga.saga.SagaRuntime;
import dev.ordersaga.saga.SagaRuntimes;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Every requested order gets its customer's answer, a poll's worth at a time: CustomerValidated or CustomerRejected. */
@Component
class OrderRequestsListener {

    private final SagaRuntime<CustomerCheck> runtime;

    OrderRequestsListener(SagaRuntimes runtimes, OrderValidationSteps steps) {
        this.runtime = runtimes.of("customer-service", steps);
    }

    @KafkaListener(id = "customer-saga", idIsGroup = false, batch = "true", topics = Topics.ORDER_REQUESTS)
    void on(List<ConsumerRecord<String, Event>> batch) {
        runtime.process(batch);
    }
}
