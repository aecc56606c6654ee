package dev.ordersaga.gateway.order;

import dev.ordersaga.events.OrderLine;
import java.util.List;

/**
 * A create_order request after validation: ids lower-cased, strings trimmed, lines in the order
 * the client sent them. The token is not part of it (it says who asks, not what is asked).
 */
public record CreateOrderCommand(
        String customerId, List<OrderLine> lines, String paymentMethod, String shippingAddress, String billingAddress) {

    public CreateOrderCommand {
        lines = List.copyOf(lines);
    }
}
