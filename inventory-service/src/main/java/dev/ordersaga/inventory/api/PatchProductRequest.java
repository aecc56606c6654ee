package dev.ordersaga.inventory.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code PATCH /api/products/{id}}: changes only the fields present. Stock is changed only by adjustments. */
public record PatchProductRequest(
        @Size(max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        String name,

        @Size(max = 4000) String description,
        @Valid PriceBody price,
        Boolean active) {

    boolean isEmpty() {
        return name == null && description == null && price == null && active == null;
    }
}
