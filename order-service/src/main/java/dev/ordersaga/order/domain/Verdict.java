package dev.ordersaga.order.domain;

import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.events.ReasonCode;
import java.util.List;

/** The status the recorded facts call for, with the reason when it is a failure. */
public record Verdict(OrderStatus status, ReasonCode reason, String detail, List<String> productIds) {

    public Verdict {
        productIds = productIds == null ? List.of() : List.copyOf(productIds);
    }

    static Verdict of(OrderStatus status) {
        return new Verdict(status, null, null, List.of());
    }
}
