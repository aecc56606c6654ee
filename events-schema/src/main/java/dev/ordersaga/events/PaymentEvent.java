package dev.ordersaga.events;

/** Events published by payment-service on {@code payment-events}. */
public sealed interface PaymentEvent extends SagaEvent permits PaymentCompleted, PaymentFailed, PaymentRefunded {}
