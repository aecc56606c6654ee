package dev.ordersaga.order.domain;

import dev.ordersaga.events.OrderStatus;

/** A change refused because the order is decided already (confirmed, rejected or cancelled). */
public class OrderAlreadyDecided extends RuntimeException {

    private final OrderStatus status;

    public OrderAlreadyDecided(String orderId, OrderStatus status) {
        super("Order " + orderId + " is already " + status + " and cannot be cancelled.");
        this.status = status;
    }

    public OrderStatus status() {
        return status;
    }
}
