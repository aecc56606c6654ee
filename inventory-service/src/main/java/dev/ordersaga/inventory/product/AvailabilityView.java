package dev.ordersaga.inventory.product;

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
