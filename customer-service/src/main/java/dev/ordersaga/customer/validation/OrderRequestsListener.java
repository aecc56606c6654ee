package dev.ordersaga.customer.validation;

import dev.ordersaga.events.GatewayEvent;
import dev.ordersaga.events.OrderRequested;
import dev.ordersaga.events.Topics;
import dev.ordersaga.support.kafka.EventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Every requested order gets its customer's answer: CustomerValidated or CustomerRejected. */
@Component
class OrderRequestsListener {

    private final OrderValidationService validations;
    private final EventPublisher publisher;

    OrderRequestsListener(OrderValidationService validations, EventPublisher publisher) {
        this.validations = validations;
        this.publisher = publisher;
    }

    @KafkaListener(topics = Topics.ORDER_REQUESTS)
    void on(GatewayEvent event) {
        switch (event) {
            case OrderRequested requested -> publisher.publish(validations.validate(requested));
        }
    }
}
