package dev.ordersaga.order.api;

import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.order.domain.Order;
import dev.ordersaga.order.store.OrderStore;
import dev.ordersaga.order.store.OrderStore.OrderSlice;
import dev.ordersaga.support.security.Caller;
import dev.ordersaga.support.web.ApiException;
import dev.ordersaga.support.web.Paging;
import org.springframework.stereotype.Service;

/** Reading orders on behalf of a caller: a customer sees their own orders, an admin sees all. */
@Service
public class OrderQueries {

    private final OrderStore store;

    public OrderQueries(OrderStore store) {
        this.store = store;
    }

    /** The order, if the caller may see it: 404 if unknown (a placeholder is not an order yet), 403 if someone else's. */
    public Order get(String orderId, Caller caller) {
        Order order = store.find(orderId).filter(Order::isRequested).orElseThrow(() -> notFound(orderId));
        if (!caller.mayActFor(order.customerId())) {
            throw ApiException.forbidden("This order belongs to another customer.");
        }
        return order;
    }

    /** A page of the caller's orders (all orders for an admin), newest first. */
    public OrderSlice list(Caller caller, OrderStatus status, Paging paging) {
        if (caller.isAdmin()) {
            return store.page(null, status, paging);
        }
        if (caller.customerId() == null) {
            // A user without a customer record has no orders.
            return new OrderSlice(java.util.List.of(), 0);
        }
        return store.page(caller.customerId(), status, paging);
    }

    public static ApiException notFound(String orderId) {
        return ApiException.notFound("ORDER_NOT_FOUND", "No order " + orderId + ".")
                .with("order_id", orderId);
    }
}
