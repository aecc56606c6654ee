package dev.ordersaga.events;

/** Events published by the gateway on {@code order-requests}. */
public sealed interface GatewayEvent extends SagaEvent permits OrderRequested {}
