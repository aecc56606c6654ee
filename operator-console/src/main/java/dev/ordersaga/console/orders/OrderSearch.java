package dev.ordersaga.console.orders;

import dev.ordersaga.console.shop.ShopClient;
import dev.ordersaga.console.shop.ShopViews.OrderSummary;
import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.support.web.ListPage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Finds orders by status (order-service filters), customer and time range (filtered here while
 * walking order-service's newest-first pages; the walk stops at the first order older than the
 * range, and after {@link #MAX_PAGES} pages at most, which the page says).
 */
@Service
public class OrderSearch {

    static final int PAGE_SIZE = 100;
    static final int MAX_PAGES = 20;
    static final int MAX_RESULTS = 200;

    private final ShopClient shop;

    public OrderSearch(ShopClient shop) {
        this.shop = shop;
    }

    /** What to look for; every field may be empty. */
    public record Criteria(String customerId, OrderStatus status, Instant from, Instant to) {

        boolean matches(OrderSummary order) {
            Instant created = order.createdAt();
            return (customerId == null || customerId.equals(order.customerId()))
                    && (from == null || (created != null && !created.isBefore(from)))
                    && (to == null || (created != null && created.isBefore(to)));
        }
    }

    /** @param complete false when the walk stopped at its page limit before the range ended */
    public record Found(List<OrderSummary> orders, boolean complete, int pagesRead) {}

    public Found find(Criteria criteria) {
        List<OrderSummary> found = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            ListPage<OrderSummary> slice = shop.orders(criteria.status(), page, PAGE_SIZE);
            for (OrderSummary order : slice.items()) {
                if (criteria.from() != null
                        && order.createdAt() != null
                        && order.createdAt().isBefore(criteria.from())) {
                    return new Found(found, true, page + 1);
                }
                if (criteria.matches(order)) {
                    found.add(order);
                    if (found.size() >= MAX_RESULTS) {
                        return new Found(found, false, page + 1);
                    }
                }
            }
            if (page + 1 >= slice.totalPages() || slice.items().isEmpty()) {
                return new Found(found, true, page + 1);
            }
        }
        return new Found(found, false, MAX_PAGES);
    }
}
