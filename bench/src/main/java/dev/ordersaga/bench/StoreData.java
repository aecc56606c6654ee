package dev.ordersaga.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;

/** The documents and indexes of {@code bench store}: the services' shapes, a history of settled orders. */
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

    /** The indexes the services declare on these collections. */
    static void createIndexes(MongoDatabase db) {
        MongoCollection<Document> orders = db.getCollection("orders");
        orders.createIndex(
                Indexes.compoundIndex(Indexes.ascending("status"), Indexes.ascending("deadline")),
                new IndexOptions().name("overdue"));
        orders.createIndex(
                Indexes.compoundIndex(Indexes.ascending("customerId"), Indexes.descending("createdAt")),
                new IndexOptions().name("by_customer"));
        db.getCollection("open_sagas").createIndex(Indexes.ascending("recheckAt"));
        db.getCollection("payments").createIndex(Indexes.ascending("order_id"), new IndexOptions().unique(true));
        db.getCollection("payments")
                .createIndex(
                        Indexes.compoundIndex(Indexes.ascending("status"), Indexes.ascending("created_at")),
                        new IndexOptions().name("status_created_at"));
        db.getCollection("products").createIndex(Indexes.ascending("sku"), new IndexOptions().unique(true));
    }

    /** The history: settled orders with their payments (one in ten failed), few open sagas, the products. */
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
        List<Document> sagas = new ArrayList<>();
        for (int i = 0; i < history; i++) {
            String id = "h-" + i;
            Instant created = start.plusSeconds(i);
            orders.add(orderDocument(id, "c-" + (i % 500), created, 4, "CONFIRMED", "p-" + (i % PRODUCTS)));
            payments.add(new Document("_id", "pay-" + id)
                    .append("order_id", id)
                    .append("status", i % 10 == 0 ? "FAILED" : "CAPTURED")
                    .append("amount", new Document("amount", "19.90").append("currency", "EUR"))
                    .append("created_at", created));
            if (i % 200 == 0) {
                sagas.add(new Document("_id", id)
                        .append("deadline", created.plusSeconds(30))
                        .append("recheckAt", Instant.now().plus(1, ChronoUnit.HOURS)));
            }
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
        if (!sagas.isEmpty()) {
            db.getCollection("open_sagas").insertMany(sagas);
        }
    }
}
