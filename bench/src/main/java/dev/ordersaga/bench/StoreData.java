package dev.ordersaga.bench;

import com.mongodb.client.MongoDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;

/**
 * The documents of {@code bench store}: the services' shapes, a history of orders. Its indexes are the services'
 * ({@link ServiceIndexes}).
 */
final class StoreData {

    static final int PRODUCTS = 50;

    private StoreData() {}

    static Document orderDocument(
            String id, String customer, Instant createdAt, int version, String status, String product) {
        return new Document("_id", id)
                .append("version", version)
                .append("customerId", customer)
                .append("userId", "u-" + customer)
                .append("status", status)
                .append(
                        "requestedLines",
                        List.of(new Document("productId", product)
                                .append("quantity", 2)
                                .append("unitPrice", "9.95")))
                .append("paymentMethod", "CARD")
                .append("shippingAddress", "1 Main Street, 1000 Town")
                .append("billingAddress", "1 Main Street, 1000 Town")
                .append(
                        "requestHash",
                        Long.toHexString(ThreadLocalRandom.current().nextLong()))
                .append("correlationId", "corr-" + id)
                .append("facts", new Document("requested", true).append("stock", status))
                .append("createdAt", createdAt)
                .append("deadline", createdAt.plus(30, ChronoUnit.SECONDS))
                .append(
                        "traceparent",
                        "00-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-01");
    }

    /**
     * The history: orders with their payments (one in ten failed), the products. One order in 200 is still
     * watched by order-service's sweep ({@code recheckAt}, an hour ahead); the others are settled, without it.
     */
    static void seed(MongoDatabase db, int history) {
        List<Document> products = new ArrayList<>();
        for (int p = 0; p < PRODUCTS; p++) {
            products.add(new Document("_id", "p-" + p)
                    .append("sku", "SKU-" + p)
                    .append("available", 1_000_000_000)
                    .append("reserved", 0));
        }
        db.getCollection("products").insertMany(products);
        Instant start = Instant.now().minus(history, ChronoUnit.SECONDS);
        List<Document> orders = new ArrayList<>();
        List<Document> payments = new ArrayList<>();
        for (int i = 0; i < history; i++) {
            String id = "h-" + i;
            Instant created = start.plusSeconds(i);
            Document order = orderDocument(id, "c-" + (i % 500), created, 4, "CONFIRMED", "p-" + (i % PRODUCTS));
            if (i % 200 == 0) {
                order.append("recheckAt", Instant.now().plus(1, ChronoUnit.HOURS));
            }
            orders.add(order);
            payments.add(new Document("_id", "pay-" + id)
                    .append("order_id", id)
                    .append("status", i % 10 == 0 ? "FAILED" : "CAPTURED")
                    .append("amount", new Document("amount", "19.90").append("currency", "EUR"))
                    .append("created_at", created));
            if (orders.size() == 1000) {
                db.getCollection("orders").insertMany(orders);
                db.getCollection("payments").insertMany(payments);
                orders.clear();
                payments.clear();
            }
        }
        if (!orders.isEmpty()) {
            db.getCollection("orders").insertMany(orders);
            db.getCollection("payments").insertMany(payments);
        }
    }
}
