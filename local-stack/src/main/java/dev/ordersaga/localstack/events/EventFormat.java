package dev.ordersaga.localstack.events;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One saga event as one readable line: time, topic, type, order id, then the fields that tell the
 * step apart (status, reason, customer, amount, lines, ...). Reads the wire JSON as a tree, so it
 * shows any event, also one of a newer version or a dead letter that is not an event at all.
 */
public final class EventFormat {

    // amounts as they were sent (3.00 stays 3.00, never a binary floating point)
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private EventFormat() {}

    /** The order id (or, for a user event, the user id) of a record value; null when unreadable. */
    public static String orderId(String json) {
        try {
            JsonNode event = JSON.readTree(json);
            String order = text(event, "order_id");
            return order != null ? order : text(event, "user_id");
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The event type a record value names; null when unreadable. */
    public static String type(String json) {
        try {
            return text(JSON.readTree(json), "type");
        } catch (RuntimeException e) {
            return null;
        }
    }

    public static String line(String topic, long timestampMillis, String key, String json) {
        String time = LocalDateTime.ofInstant(Instant.ofEpochMilli(timestampMillis), ZoneId.systemDefault())
                .format(TIME);
        JsonNode event;
        try {
            event = JSON.readTree(json);
        } catch (RuntimeException e) {
            return String.format("%s  %-17s %-19s %-36s %s", time, topic, "(unreadable)", key, abbreviate(json));
        }
        if (event == null || !event.isObject()) {
            return String.format("%s  %-17s %-19s %-36s %s", time, topic, "(not an event)", key, abbreviate(json));
        }
        String type = orElse(text(event, "type"), "?");
        String id = orElse(text(event, "order_id"), orElse(text(event, "user_id"), key));
        return String.format("%s  %-17s %-19s %-36s %s", time, topic, type, id, String.join("  ", details(event)))
                .stripTrailing();
    }

    private static List<String> details(JsonNode event) {
        List<String> details = new ArrayList<>();
        add(details, "status", text(event, "status"));
        add(details, "reason", text(event, "reason"));
        add(details, "step", text(event, "last_step"));
        add(details, "customer", text(event, "customer_id"));
        add(details, "user", text(event, "username"));
        add(details, "method", text(event, "payment_method"));
        add(details, "payment", text(event, "payment_id"));
        add(details, "amount", money(event.get("amount")));
        add(details, "total", money(event.get("total")));
        JsonNode products = event.get("product_ids");
        if (products != null && products.isArray() && !products.isEmpty()) {
            List<String> ids = new ArrayList<>();
            products.forEach(p -> ids.add(p.asString()));
            details.add("products=" + String.join(",", ids));
        }
        JsonNode lines = event.get("lines");
        if (lines != null && lines.isArray() && !lines.isEmpty()) {
            List<String> items = new ArrayList<>();
            lines.forEach(l -> items.add(orElse(text(l, "product_id"), "?") + "x"
                    + l.path("quantity").asString("?")));
            details.add("lines=" + String.join(",", items));
        }
        return details;
    }

    private static String money(JsonNode money) {
        if (money == null || !money.isObject()) {
            return null;
        }
        return money.path("amount").asString("?") + " " + money.path("currency").asString("");
    }

    private static void add(List<String> details, String name, String value) {
        if (value != null && !value.isBlank()) {
            details.add(name + "=" + value.strip());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replace('\n', ' ');
        return flat.length() > 160 ? flat.substring(0, 160) + "..." : flat;
    }
}
