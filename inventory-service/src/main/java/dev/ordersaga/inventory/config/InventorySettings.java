package dev.ordersaga.inventory.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of inventory-service.
 *
 * @param maxPageSize the largest page {@code GET /api/products} serves, so one request cannot read the whole catalog
 */
@ConfigurationProperties("inventory")
public record InventorySettings(@DefaultValue("100") int maxPageSize) {}
