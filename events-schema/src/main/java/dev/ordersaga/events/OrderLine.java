package dev.ordersaga.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A product and a quantity, as the customer asked for it (no price: prices come from the catalog). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderLine(
        @JsonProperty("product_id") String productId,
        @JsonProperty("quantity") int quantity) {

    public OrderLine {
        Require.text(productId, "product_id");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, got " + quantity);
        }
    }
}
