package dev.ordersaga.events;

/** An event of an order's saga, keyed by the order id. */
public sealed interface SagaEvent extends Event
        permits GatewayEvent, CustomerEvent, InventoryEvent, PaymentEvent, OrderEvent, OrderReplyEvent {

    String orderId();

    @Override
    default String key() {
        return orderId();
    }
}
