package dev.ordersaga.console.stuck;

import dev.ordersaga.console.config.ConsoleSettings;
import dev.ordersaga.console.orders.SagaView;
import dev.ordersaga.console.shop.ShopClient;
import dev.ordersaga.console.shop.ShopViews.OrderSummary;
import dev.ordersaga.events.OrderStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Orders that need a look: not decided {@code console.stuck-after} after their request (stuck), and
 * decided {@code console.unsettled-after} ago but still waiting for a participant to acknowledge
 * the decision (at risk: order-service keeps re-publishing the decision until then).
 */
@Service
public class StuckOrders {

    static final int PAGE_SIZE = 100;
    /** How many recently decided orders are read in full to see whether their acknowledgements came. */
    static final int RECENT_DECIDED_CHECKED = 30;

    private static final Set<String> SETTLING_STEPS = Set.of("StockCommitted", "StockReleased", "PaymentRefunded");

    private final ShopClient shop;
    private final ConsoleSettings settings;
    private final Clock clock;

    public StuckOrders(ShopClient shop, ConsoleSettings settings, Clock clock) {
        this.shop = shop;
        this.settings = settings;
        this.clock = clock;
    }

    /** One order that needs a look and what it waits for. */
    public record Waiting(OrderSummary order, Duration age, List<String> waitingFor) {}

    public record Report(List<Waiting> stuck, List<Waiting> atRisk, Duration stuckAfter, Duration unsettledAfter) {}

    public Report now() {
        Instant now = clock.instant();
        List<Waiting> stuck = new ArrayList<>();
        for (OrderStatus status :
                Arrays.stream(OrderStatus.values()).filter(s -> !s.terminal()).toList()) {
            for (OrderSummary order : shop.orders(status, 0, PAGE_SIZE).items()) {
                Duration age = age(order.createdAt(), now);
                if (age.compareTo(settings.stuckAfter()) >= 0) {
                    stuck.add(new Waiting(order, age, waitsOf(order)));
                }
            }
        }
        stuck.sort(Comparator.comparing(Waiting::age).reversed());
        return new Report(stuck, atRisk(now), settings.stuckAfter(), settings.unsettledAfter());
    }

    private List<Waiting> atRisk(Instant now) {
        List<Waiting> atRisk = new ArrayList<>();
        List<OrderSummary> candidates = shop.orders(null, 0, PAGE_SIZE).items().stream()
                .filter(o -> o.status().terminal())
                .filter(o -> !SETTLING_STEPS.contains(o.lastStep()))
                .filter(o -> age(o.updatedAt(), now).compareTo(settings.unsettledAfter()) >= 0)
                .limit(RECENT_DECIDED_CHECKED)
                .toList();
        for (OrderSummary candidate : candidates) {
            shop.order(candidate.orderId()).map(SagaView::of).ifPresent(saga -> {
                if (!saga.waitingFor().isEmpty()) {
                    atRisk.add(new Waiting(candidate, age(candidate.updatedAt(), now), saga.waitingFor()));
                }
            });
        }
        return atRisk;
    }

    private static List<String> waitsOf(OrderSummary order) {
        return SagaView.waitingFor(order.status(), Set.of());
    }

    private static Duration age(Instant since, Instant now) {
        return since == null ? Duration.ZERO : Duration.between(since, now);
    }
}
