package dev.ordersaga.inventory.domain;

import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderLine;
import dev.ordersaga.events.PricedLine;
import org.springframework.data.mongodb.core.mapping.Field;

/** One product of a reservation; the unit price is the catalog's at the moment its stock was held. */
public record ReservationLine(
        @Field("product_id") String productId,
        int quantity,
        LineState state,
        @Field("unit_price") Price unitPrice) {

    static ReservationLine pending(OrderLine line) {
        return new ReservationLine(line.productId(), line.quantity(), LineState.PENDING, null);
    }

    ReservationLine applied(Money price) {
        return new ReservationLine(productId, quantity, to(LineState.APPLIED), Price.of(price));
    }

    ReservationLine moved(LineState target) {
        return new ReservationLine(productId, quantity, to(target), unitPrice);
    }

    private LineState to(LineState target) {
        if (!state.canBecome(target)) {
            throw new IllegalTransitionException("line " + productId + " cannot go from " + state + " to " + target);
        }
        return target;
    }

    public boolean is(LineState candidate) {
        return state == candidate;
    }

    public Money unitMoney() {
        return unitPrice == null ? null : unitPrice.toMoney();
    }

    public OrderLine orderLine() {
        return new OrderLine(productId, quantity);
    }

    public PricedLine pricedLine() {
        return new PricedLine(productId, quantity, unitMoney());
    }
}
