package dev.ordersaga.events;

/** Events published by customer-service on {@code customer-events}. */
public sealed interface CustomerEvent extends SagaEvent permits CustomerValidated, CustomerRejected {}
