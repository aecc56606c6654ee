package dev.ordersaga.order.api;

import java.util.List;

/** One page of orders. {@code page} counts from 0. */
public record OrderPage(List<OrderSummary> items, int page, int size, long totalElements, int totalPages) {

    static OrderPage of(List<OrderSummary> items, int page, int size, long total) {
        return new OrderPage(items, page, size, total, (int) ((total + size - 1) / size));
    }
}
