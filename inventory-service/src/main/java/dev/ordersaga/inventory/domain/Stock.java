package dev.ordersaga.inventory.domain;

import dev.ordersaga.inventory.store.ProductStock;

/**
 * The three buckets every unit of a product is in: free to sell, held for an order in flight, or
 * sold to a confirmed order. Moves between them are single-document conditional updates
 * ({@link ProductStock}); this record only reads them.
 */
public record Stock(long available, long reserved, long sold) {

    public static Stock initial(long available) {
        return new Stock(available, 0, 0);
    }

    public long total() {
        return available + reserved + sold;
    }
}
