package dev.ordersaga.gateway.order;

import static dev.ordersaga.gateway.order.CreateOrderLimits.MAX_ADDRESS_LENGTH;
import static dev.ordersaga.gateway.order.CreateOrderLimits.MAX_IDEMPOTENCY_KEY_LENGTH;
import static dev.ordersaga.gateway.order.CreateOrderLimits.MAX_LINES;
import static dev.ordersaga.gateway.order.CreateOrderLimits.MAX_PAYMENT_METHOD_LENGTH;
import static dev.ordersaga.gateway.order.CreateOrderLimits.MAX_QUANTITY;

import dev.ordersaga.events.OrderLine;
import dev.ordersaga.support.web.ApiException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Validates a create_order body field by field and turns it into a {@link CreateOrderCommand}.
 * The body is read as a JSON tree rather than bound straight to a record so that EVERY bad field
 * is reported at once, with its type checked (a number or an object where a string belongs is a
 * 400, not silently converted), in the snake_case names the client wrote. Unknown fields are
 * ignored.
 */
public final class CreateOrderParser {

    static final Pattern OBJECT_ID = Pattern.compile("[0-9a-fA-F]{24}");

    private CreateOrderParser() {}

    /** @throws ApiException 400 {@code VALIDATION_FAILED} listing each bad field, or {@code MALFORMED_REQUEST} */
    public static CreateOrderCommand parse(JsonNode body, String idempotencyKey) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("MALFORMED_REQUEST", "The request body must be a JSON object.");
        }
        List<Map<String, String>> errors = new ArrayList<>();
        String customerId = id(body, "customer_id", "customer_id", errors);
        List<OrderLine> lines = lines(body.get("products"), errors);
        String paymentMethod = text(body, "payment_method", MAX_PAYMENT_METHOD_LENGTH, errors);
        String shipping = text(body, "shipping_address", MAX_ADDRESS_LENGTH, errors);
        String billing = text(body, "billing_address", MAX_ADDRESS_LENGTH, errors);
        if (idempotencyKey != null) {
            checkIdempotencyKey(idempotencyKey, errors);
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("VALIDATION_FAILED", "The request has invalid fields.")
                    .with("errors", errors);
        }
        return new CreateOrderCommand(customerId, lines, paymentMethod, shipping, billing);
    }

    private static List<OrderLine> lines(JsonNode products, List<Map<String, String>> errors) {
        if (products == null || products.isNull()) {
            errors.add(error("products", "is required: a list of {product_id, quantity}"));
            return List.of();
        }
        if (!products.isArray()) {
            errors.add(error("products", "must be a list of {product_id, quantity}"));
            return List.of();
        }
        if (products.isEmpty()) {
            errors.add(error("products", "must have at least 1 line"));
            return List.of();
        }
        if (products.size() > MAX_LINES) {
            errors.add(error("products", "must have at most " + MAX_LINES + " lines, got " + products.size()));
            return List.of();
        }
        List<OrderLine> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < products.size(); i++) {
            String at = "products[" + i + "]";
            JsonNode line = products.get(i);
            if (!line.isObject()) {
                errors.add(error(at, "must be an object {product_id, quantity}"));
                continue;
            }
            String productId = id(line, "product_id", at + ".product_id", errors);
            Integer quantity = quantity(line.get("quantity"), at + ".quantity", errors);
            if (productId != null && !seen.add(productId)) {
                errors.add(error(at + ".product_id", "is listed more than once; put the whole quantity on one line"));
                continue;
            }
            if (productId != null && quantity != null) {
                lines.add(new OrderLine(productId, quantity));
            }
        }
        return lines;
    }

    private static Integer quantity(JsonNode value, String field, List<Map<String, String>> errors) {
        if (value == null || value.isNull()) {
            errors.add(error(field, "is required"));
            return null;
        }
        if (!value.isIntegralNumber()) {
            errors.add(error(field, "must be a whole number from 1 to " + MAX_QUANTITY));
            return null;
        }
        if (!value.canConvertToInt() || value.intValue() < 1 || value.intValue() > MAX_QUANTITY) {
            errors.add(error(field, "must be from 1 to " + MAX_QUANTITY + ", got " + value));
            return null;
        }
        return value.intValue();
    }

    private static String id(JsonNode parent, String name, String field, List<Map<String, String>> errors) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            errors.add(error(field, "is required"));
            return null;
        }
        if (!value.isString() || !OBJECT_ID.matcher(value.stringValue()).matches()) {
            errors.add(error(field, "must be a 24-character hexadecimal id"));
            return null;
        }
        return value.stringValue().toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode parent, String field, int max, List<Map<String, String>> errors) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            errors.add(error(field, "is required"));
            return null;
        }
        if (!value.isString()) {
            errors.add(error(field, "must be a string"));
            return null;
        }
        String text = value.stringValue().strip();
        if (text.isEmpty()) {
            errors.add(error(field, "must not be blank"));
            return null;
        }
        if (text.codePointCount(0, text.length()) > max) {
            errors.add(error(field, "must be at most " + max + " characters"));
            return null;
        }
        return text;
    }

    private static void checkIdempotencyKey(String key, List<Map<String, String>> errors) {
        String field = "idempotency_key";
        if (key.isBlank()) {
            errors.add(error(field, "must not be blank when the Idempotency-Key header is sent"));
        } else if (key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            errors.add(error(field, "must be at most " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters"));
        } else if (key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            errors.add(error(field, "must not contain control characters"));
        }
    }

    private static Map<String, String> error(String field, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }
}
