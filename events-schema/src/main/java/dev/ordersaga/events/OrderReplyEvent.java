package dev.ordersaga.events;

/** Events published by order-service (what the gateway waits on) on {@code order-replies}. */
public sealed interface OrderReplyEvent extends SagaEvent permits OrderStatusChanged {}
