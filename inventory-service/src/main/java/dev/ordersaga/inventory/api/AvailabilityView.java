package dev.ordersaga.inventory.api;

import dev.ordersaga.inventory.domain.Product;

/** {@code GET /api/products/{id}/availability}. */
public record AvailabilityView(String productId, long available, long reserved, long sold) {

    static AvailabilityView of(Product product) {
        return new AvailabilityView(
                product.id(),
                product.stock().available(),
                product.stock().reserved(),
                product.stock().sold());
    }
}
