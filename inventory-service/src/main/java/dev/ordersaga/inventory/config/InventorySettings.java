package dev.ordersaga.inventory.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of inventory-service.
 *
 * @param maxPageSize the largest page {@code GET /api/products} serves, so one request cannot read the whole catalog
 * @param conflictRetries how often a reservation step re-reads its document after another thread changed it (e.g.
 *     a cancellation racing a reservation) before it gives up and lets Kafka redeliver the event
 */
@ConfigurationProperties("inventory")
public record InventorySettings(
        @DefaultValue("100") int maxPageSize,
        @DefaultValue("10") int conflictRetries) {}
