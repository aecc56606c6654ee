package dev.ordersaga.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** An order line with the unit price the catalog had when the stock was reserved. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PricedLine(
        @JsonProperty("product_id") String productId,
        @JsonProperty("quantity") int quantity,
        @JsonProperty("unit_price") Money unitPrice) {

    public PricedLine {
        Require.text(productId, "product_id");
        Require.present(unitPrice, "unit_price");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, got " + quantity);
        }
    }

    public Money lineTotal() {
        return unitPrice.times(quantity);
    }
}
