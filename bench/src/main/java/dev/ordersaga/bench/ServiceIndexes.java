package dev.ordersaga.bench;

import static com.mongodb.client.model.Indexes.ascending;
import static com.mongodb.client.model.Indexes.compoundIndex;
import static com.mongodb.client.model.Indexes.descending;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import java.util.List;
import org.bson.conversions.Bson;

/**
 * The indexes the services declare on their collections ({@code @Indexed}, {@code @CompoundIndex}; an index
 * without a name of its own is named after its field, as Spring names it), for a store shaped like theirs:
 * {@code bench store}'s, and the local store's own tests.
 */
public final class ServiceIndexes {

    /** One index a service declares: on {@code collection}, over {@code keys}. */
    record Declared(String collection, Bson keys, IndexOptions options) {}

    private ServiceIndexes() {}

    /** Every declared index, each with options of its own. */
    static List<Declared> all() {
        return List.of(
                // order-service: Order, and OrderState's recheckAt (the sweep's watch: settled orders have none)
                new Declared("orders", compoundIndex(ascending("status"), ascending("deadline")), named("overdue")),
                new Declared(
                        "orders",
                        compoundIndex(ascending("customerId"), descending("createdAt")),
                        named("by_customer")),
                new Declared(
                        "orders",
                        compoundIndex(ascending("facts.requested"), descending("createdAt")),
                        named("requested_newest")),
                new Declared("orders", ascending("recheckAt"), named("recheck").sparse(true)),
                // payment-service: Payment
                new Declared("payments", ascending("order_id"), unique("order_id")),
                new Declared(
                        "payments",
                        compoundIndex(ascending("status"), ascending("created_at")),
                        named("status_created_at")),
                new Declared(
                        "payments", compoundIndex(ascending("created_at"), ascending("_id")), named("created_at_id")),
                // inventory-service: Reservation, Product, StockAdjustment
                new Declared("reservations", ascending("status"), named("status")),
                new Declared("products", ascending("sku"), unique("sku")),
                new Declared("stock_adjustments", ascending("product_id"), named("product_id")),
                // auth-service: User
                new Declared("users", ascending("username_key"), unique("username_key_unique")),
                new Declared("users", ascending("email_key"), unique("email_key_unique")),
                new Declared("users", ascending("registration_published"), named("registration_published")));
    }

    /** Creates every declared index in {@code db} (each service has a database of its own; here they share one). */
    public static void create(MongoDatabase db) {
        for (Declared index : all()) {
            db.getCollection(index.collection()).createIndex(index.keys(), index.options());
        }
    }

    private static IndexOptions named(String name) {
        return new IndexOptions().name(name);
    }

    private static IndexOptions unique(String name) {
        return named(name).unique(true);
    }
}
