package dev.ordersaga.events;

import java.util.List;

/** Every topic name of the system. Nothing outside this module spells a topic name. */
public final class Topics {

    public static final String ORDER_REQUESTS = "order-requests";
    public static final String USER_EVENTS = "user-events";
    public static final String CUSTOMER_EVENTS = "customer-events";
    public static final String INVENTORY_EVENTS = "inventory-events";
    public static final String PAYMENT_EVENTS = "payment-events";
    public static final String ORDER_EVENTS = "order-events";
    public static final String ORDER_REPLIES = "order-replies";

    /**
     * What a gateway instance reads to follow the orders it waits for, both filtered by the {@link
     * EventHeaders#REPLY_TO reply_to} header without reading the others': order-service's replies, and
     * the customer's answer straight from {@code customer-events}. That first hop costs no reply:
     * order-service sends none while an order has got only as far as its customer's validation.
     */
    public static final List<String> GATEWAY_WATCHES = List.of(ORDER_REPLIES, CUSTOMER_EVENTS);

    /** Suffix of the dead-letter topic where records that could not be processed end up. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    public static final List<String> ALL = List.of(
            ORDER_REQUESTS,
            USER_EVENTS,
            CUSTOMER_EVENTS,
            INVENTORY_EVENTS,
            PAYMENT_EVENTS,
            ORDER_EVENTS,
            ORDER_REPLIES);

    private Topics() {}

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    public static String topicOf(Event event) {
        return switch (event) {
            case UserEvent e -> USER_EVENTS;
            case GatewayEvent e -> ORDER_REQUESTS;
            case CustomerEvent e -> CUSTOMER_EVENTS;
            case InventoryEvent e -> INVENTORY_EVENTS;
            case PaymentEvent e -> PAYMENT_EVENTS;
            case OrderEvent e -> ORDER_EVENTS;
            case OrderReplyEvent e -> ORDER_REPLIES;
        };
    }
}
