package dev.ordersaga.support;

import dev.ordersaga.events.CustomerEvent;
import dev.ordersaga.events.CustomerRejected;
import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.PaymentEvent;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.Topics;
import dev.ordersaga.support.kafka.EventPublisher;
import dev.ordersaga.support.security.Caller;
import dev.ordersaga.support.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A minimal service built only from the plumbing, to test it as a service would use it. */
@SpringBootApplication
public class SupportTestApplication {

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

    record Thing(
            @NotBlank String displayName,
            @Min(1) int quantity,
            @Pattern(regexp = "[0-9a-f]{24}") String customerId) {}

    @RestController
    static class TestController {

        @GetMapping("/test/me")
        Map<String, Object> me() {
            Caller caller = Caller.current();
            return Map.of("user_id", caller.userId(), "roles", caller.roles(), "admin", caller.isAdmin());
        }

        @GetMapping("/test/admin")
        @PreAuthorize("hasRole('ADMIN')")
        Map<String, Object> admin() {
            return Map.of("ok", true);
        }

        @PostMapping("/test/things")
        Thing create(@Valid @RequestBody Thing thing) {
            return thing;
        }

        @GetMapping("/test/things/{id}")
        Thing find(@PathVariable String id) {
            throw ApiException.notFound("THING_NOT_FOUND", "No thing " + id + ".")
                    .with("thing_id", id);
        }

        @GetMapping("/test/boom")
        Thing boom() {
            throw new IllegalStateException("secret internals: connection string mongodb://user:pw@db");
        }
    }
}
