package dev.ordersaga.inventory.domain;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/inventory/invariants}: for every product, whether its stock adds up ({@code received
 * == available + reserved + sold}, none negative) and whether {@code reserved} is exactly what the
 * orders holding it reserved (nothing leaked, nothing created from nothing).
 */
public record InvariantReport(boolean ok, long openReservations, List<ProductCheck> products, Instant checkedAt) {

    public record ProductCheck(
            String productId,
            String sku,
            long received,
            long available,
            long reserved,
            long sold,
            long reservedByOrders,
            int holdingOrders,
            boolean ok) {}
}
