package dev.ordersaga.order.api;

import dev.ordersaga.support.web.Paging;
import java.util.List;

/** One page of orders. {@code page} counts from 0. */
public record OrderPage(List<OrderSummary> items, int page, int size, long totalElements, long totalPages) {

    static OrderPage of(List<OrderSummary> items, Paging paging, long total) {
        return new OrderPage(items, paging.page(), paging.size(), total, paging.totalPages(total));
    }
}
