package dev.ordersaga.events;

/** Events published by inventory-service on {@code inventory-events}. */
public sealed interface InventoryEvent extends SagaEvent
        permits StockReserved, StockRejected, StockReleased, StockCommitted {}
