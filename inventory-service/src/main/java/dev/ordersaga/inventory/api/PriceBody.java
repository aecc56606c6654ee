package dev.ordersaga.inventory.api;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;

/** A price as a client sends it: {@code {"amount": 12.50, "currency": "EUR"}}. */
public record PriceBody(
        @NotNull @DecimalMin("0.00") @Digits(integer = 12, fraction = 4)
        BigDecimal amount,

        @NotNull @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as EUR")
        String currency) {}
