package dev.ordersaga.inventory.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/products}. The id is optional (the seeder sends fixed ids so it can run twice);
 * without one the service generates it. {@code stock} is the initial available stock (default 0),
 * {@code active} defaults to true.
 */
public record CreateProductRequest(
        @Pattern(regexp = ProductController.ID_PATTERN, message = "must be 24 lowercase hex characters")
        String id,

        @NotBlank @Size(max = 64) String sku,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 4000) String description,
        @NotNull @Valid PriceBody price,
        @PositiveOrZero @Max(1_000_000_000) Long stock,
        Boolean active) {}
