package dev.ordersaga.inventory.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/products/{id}/stock}: a signed change of the available stock and why. */
public record StockAdjustmentRequest(
        @NotNull @Min(-1_000_000_000) @Max(1_000_000_000) Long delta,
        @NotBlank @Size(max = 200) String reason) {}
