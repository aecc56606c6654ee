package dev.ordersaga.inventory.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code PUT /api/products/{id}}: replaces the catalog fields. Stock is changed only by adjustments. */
public record UpdateProductRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 4000) String description,
        @NotNull @Valid PriceBody price,
        @NotNull Boolean active) {}
