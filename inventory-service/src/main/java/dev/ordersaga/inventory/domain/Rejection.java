package dev.ordersaga.inventory.domain;

import dev.ordersaga.events.ReasonCode;
import java.util.List;

/** Why an order's stock cannot be reserved, naming the products at fault. */
public record Rejection(ReasonCode reason, List<String> productIds, String detail) {

    public Rejection {
        productIds = List.copyOf(productIds);
    }
}
