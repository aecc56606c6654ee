package dev.ordersaga.saga;

import dev.ordersaga.events.CustomerEvent;
import dev.ordersaga.events.CustomerRejected;
import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.PaymentEvent;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A minimal service built only from the runtime's plumbing, to test it as a service would use it. */
@SpringBootApplication
public class RuntimeTestApplication {

    /** Consumes customer-events like a participant would; fails on purpose for one order id. */
    @Component
    public static class RecordingListener {
        final List<CustomerEvent> received = new CopyOnWriteArrayList<>();
        private final EventPublisher publisher;

        RecordingListener(EventPublisher publisher) {
            this.publisher = publisher;
        }

        @KafkaListener(topics = Topics.CUSTOMER_EVENTS, groupId = "support-test")
        void on(CustomerEvent event) {
            if ("always-fails".equals(event.orderId())) {
                throw new IllegalStateException("this listener cannot handle " + event.orderId());
            }
            received.add(event);
            if (event instanceof CustomerValidated validated
                    && validated.orderId().startsWith("echo-")) {
                publisher.publish(new CustomerRejected(
                        EventIds.causedBy(validated.eventId(), CustomerRejected.class),
                        "reply-" + validated.orderId(),
                        Instant.now(),
                        validated.correlationId(),
                        validated.customerId(),
                        ReasonCode.CUSTOMER_INACTIVE,
                        null));
            }
        }
    }

    /** A consumer of payment-events built from the current events-schema (PaymentRefunded 1.1). */
    @Component
    public static class PaymentEventsListener {
        final List<PaymentEvent> received = new CopyOnWriteArrayList<>();

        @KafkaListener(topics = Topics.PAYMENT_EVENTS, groupId = "support-test-payments")
        void on(PaymentEvent event) {
            received.add(event);
        }
    }
}
