package dev.ordersaga.inventory.api;

import java.util.List;

/** One page of {@code GET /api/products}. */
public record ProductPage(List<ProductView> items, int page, int size, long totalElements, long totalPages) {}
