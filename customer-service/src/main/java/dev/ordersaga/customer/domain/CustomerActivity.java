package dev.ordersaga.customer.domain;

/** The one fact about a customer an order's validation needs (a projection: only {@code active} is read). */
public record CustomerActivity(boolean active) {}
