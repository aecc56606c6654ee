package dev.ordersaga.inventory.api;

import dev.ordersaga.events.Money;
import dev.ordersaga.inventory.domain.Product;
import dev.ordersaga.inventory.domain.Stock;
import java.time.Instant;

/** A product as the API shows it (its list of holders stays inside). */
public record ProductView(
        String id,
        String sku,
        String name,
        String description,
        Money price,
        boolean active,
        Stock stock,
        long received,
        Instant createdAt,
        Instant updatedAt) {

    static ProductView of(Product product) {
        return new ProductView(
                product.id(),
                product.sku(),
                product.name(),
                product.description(),
                product.price().toMoney(),
                product.active(),
                product.stock(),
                product.received(),
                product.createdAt(),
                product.updatedAt());
    }
}
