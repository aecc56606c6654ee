package dev.ordersaga.customer.customers;

import java.util.List;

/** One page of customers. {@code page} counts from 0. */
public record CustomerPage(List<CustomerResponse> items, int page, int size, long totalElements, int totalPages) {

    static CustomerPage of(List<CustomerResponse> items, int page, int size, long total) {
        return new CustomerPage(items, page, size, total, (int) ((total + size - 1) / size));
    }
}
