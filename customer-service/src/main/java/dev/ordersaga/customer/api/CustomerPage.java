package dev.ordersaga.customer.api;

import dev.ordersaga.support.web.Paging;
import java.util.List;

/** One page of customers. {@code page} counts from 0. */
public record CustomerPage(List<CustomerResponse> items, int page, int size, long totalElements, long totalPages) {

    static CustomerPage of(List<CustomerResponse> items, Paging paging, long total) {
        return new CustomerPage(items, paging.page(), paging.size(), total, paging.totalPages(total));
    }
}
