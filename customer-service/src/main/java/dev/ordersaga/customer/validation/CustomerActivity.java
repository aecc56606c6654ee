package dev.ordersaga.customer.validation;

/** The one fact about a customer an order's validation needs (a projection: only {@code active} is read). */
record CustomerActivity(boolean active) {}
