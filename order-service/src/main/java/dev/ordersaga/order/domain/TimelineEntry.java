package dev.ordersaga.order.domain;

import java.time.Instant;

/**
 * One step of an order's saga as order-service saw it.
 *
 * @param type the event's wire name ({@code StockReserved}, or a decision such as {@code OrderConfirmed})
 * @param at when the step happened (the event's {@code occurred_at}; for a decision, when it was taken)
 * @param service who took the step
 * @param detail a human-readable summary
 */
public record TimelineEntry(String type, Instant at, String service, String detail) {}
