package dev.ordersaga.order.saga;

import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.order.domain.Order;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The decider's meters: decisions by status and reason, and how long each saga took. */
@Component
class OrderMetrics {

    private static final Logger log = LoggerFactory.getLogger(OrderMetrics.class);

    private final MeterRegistry meters;

    OrderMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void decided(Order order) {
        OrderStatus status = order.status();
        log.info("order {} {}{}", order.id(), status, order.reason() == null ? "" : " (" + order.reason() + ")");
        meters.counter("orders.decided", "status", status.name(), "reason", String.valueOf(order.reason()))
                .increment();
        if (order.createdAt() != null) {
            Timer.builder("orders.saga.duration")
                    .description("From the customer's request to the order's decision")
                    .tag("status", status.name())
                    .publishPercentileHistogram()
                    .register(meters)
                    .record(Duration.between(order.createdAt(), order.decidedAt()));
        }
    }

    void republished(Order order) {
        meters.counter("orders.outcomes.republished").increment();
        log.warn("re-publishing the {} decision of order {} (not yet acknowledged)", order.status(), order.id());
    }

    void conflict() {
        meters.counter("orders.write.conflicts").increment();
    }
}
