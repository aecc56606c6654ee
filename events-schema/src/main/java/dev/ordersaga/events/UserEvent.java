package dev.ordersaga.events;

/** Events published by auth-service on {@code user-events}. */
public sealed interface UserEvent extends Event permits UserRegistered {}
