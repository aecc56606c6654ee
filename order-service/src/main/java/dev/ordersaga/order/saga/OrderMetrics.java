package dev.ordersaga.order.saga;

import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.order.domain.Order;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The decider's meters: decisions by status and reason, and how long each saga took. Each meter
 * is registered once (the registry is not searched per decision). The decision is the one INFO
 * line an order writes on the hot path (with its trace and order id, what an operator greps for);
 * every other per-record line is DEBUG.
 */
@Component
class OrderMetrics {

    private static final Logger log = LoggerFactory.getLogger(OrderMetrics.class);

    private final MeterRegistry meters;
    private final Map<String, Counter> decided = new ConcurrentHashMap<>();
    private final Map<OrderStatus, Timer> durations = new EnumMap<>(OrderStatus.class);
    private final Counter republished;
    private final Counter conflicts;

    OrderMetrics(MeterRegistry meters) {
        this.meters = meters;
        for (OrderStatus status : OrderStatus.values()) {
            if (status.terminal()) {
                durations.put(
                        status,
                        Timer.builder("orders.saga.duration")
                                .description("From the customer's request to the order's decision")
                                .tag("status", status.name())
                                .publishPercentileHistogram()
                                .register(meters));
            }
        }
        this.republished = meters.counter("orders.outcomes.republished");
        this.conflicts = meters.counter("orders.write.conflicts");
    }

    void decided(Order order) {
        OrderStatus status = order.status();
        String reason = String.valueOf(order.reason());
        log.info("order {} {} ({})", order.id(), status, reason);
        decided.computeIfAbsent(
                        status.name() + "/" + reason,
                        key -> meters.counter("orders.decided", "status", status.name(), "reason", reason))
                .increment();
        Timer duration = durations.get(status);
        if (order.createdAt() != null && duration != null) {
            duration.record(Duration.between(order.createdAt(), order.decidedAt()));
        }
    }

    void republished(Order order) {
        republished.increment();
        log.warn("re-publishing the {} decision of order {} (not yet acknowledged)", order.status(), order.id());
    }

    void conflict() {
        conflicts.increment();
    }
}
