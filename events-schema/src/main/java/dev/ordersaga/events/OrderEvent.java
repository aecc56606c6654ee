package dev.ordersaga.events;

/** Events published by order-service (its decisions) on {@code order-events}. */
public sealed interface OrderEvent extends SagaEvent permits OrderConfirmed, OrderRejected, OrderCancelled {}
