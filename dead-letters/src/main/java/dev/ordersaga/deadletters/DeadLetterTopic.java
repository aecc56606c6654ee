package dev.ordersaga.deadletters;

/**
 * What one dead-letter topic holds.
 *
 * @param topic the dead-letter topic ({@code order-events.DLT})
 * @param origin the topic its records are re-driven to ({@code order-events})
 * @param total every record it holds
 * @param waiting the records not re-driven yet
 */
public record DeadLetterTopic(String topic, String origin, long total, long waiting) {}
