package dev.ordersaga.bench;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.bson.Document;

/** One client of {@code bench store}: simulated orders one after the other, each the saga's commands in order. */
final class StoreClient {

    /**
     * The commands of the mix, named after what the services send. order-service's sweep watch is a field of the
     * order ({@code recheckAt}, in the sparse {@code recheck} index), written with it by its insert and its replaces;
     * a settled order is written without it and so leaves the index.
     */
    enum Cmd {
        ORDER_INSERT("insert (order, with its recheckAt)"),
        LOAD_IN("find _id $in (orders)"),
        REPLACE("versioned replace (order)"),
        RESERVE("findAndModify $inc if available >= q"),
        RELEASE("update $inc (release)"),
        PAYMENT_INSERT("insert, unique order id (payment)"),
        BULK("bulk write: 2 versioned replaces (orders)"),
        SWEEP("range query recheckAt < now, sorted, limit 100 (orders)"),
        PAGE("page: payments by status, sorted by created_at, 20");

        final String label;

        Cmd(String label) {
            this.label = label;
        }
    }

    private final MongoCollection<Document> orders;
    private final MongoCollection<Document> products;
    private final MongoCollection<Document> payments;
    private final Map<Cmd, Histogram> histograms;
    private final AtomicBoolean recording;
    private final int clientNo;
    private final List<String> recent = new ArrayList<>();
    /** This client's previous order as last written (version 2, still watched): the bulk write settles it. */
    private Document previous;

    StoreClient(MongoDatabase db, int clientNo, Map<Cmd, Histogram> histograms, AtomicBoolean recording) {
        this.orders = db.getCollection("orders");
        this.products = db.getCollection("products");
        this.payments = db.getCollection("payments");
        this.histograms = histograms;
        this.recording = recording;
        this.clientNo = clientNo;
    }

    void loop(AtomicBoolean stop, AtomicLong failures) {
        long n = 0;
        while (!stop.get()) {
            try {
                order(n++);
            } catch (RuntimeException e) {
                if (failures.incrementAndGet() < 5) {
                    System.out.println("command failed: " + e);
                }
            }
        }
    }

    private void order(long n) {
        String id = "o-" + clientNo + "-" + System.nanoTime();
        Instant now = Instant.now();
        String product = "p-" + ThreadLocalRandom.current().nextInt(StoreData.PRODUCTS);
        Document order = watched(id, now, 0, "PENDING", product);
        timed(Cmd.ORDER_INSERT, () -> orders.insertOne(order));
        recent.add(id);
        if (recent.size() > 5) {
            recent.remove(0);
        }
        timed(Cmd.LOAD_IN, () -> orders.find(in("_id", recent)).into(new ArrayList<>()));
        timed(
                Cmd.REPLACE,
                () -> orders.replaceOne(
                        and(eq("_id", id), eq("version", 0)), watched(id, now, 1, "STOCK_RESERVED", product)));
        timed(
                Cmd.RESERVE,
                () -> products.findOneAndUpdate(
                        and(eq("_id", product), gte("available", 2)),
                        Updates.combine(Updates.inc("available", -2), Updates.inc("reserved", 2)),
                        new FindOneAndUpdateOptions()
                                .projection(new Document("holds", 0))
                                .returnDocument(ReturnDocument.AFTER)));
        timed(
                Cmd.PAYMENT_INSERT,
                () -> payments.insertOne(new Document("_id", "pay-" + id)
                        .append("order_id", id)
                        .append("status", "CAPTURED")
                        .append("amount", new Document("amount", "19.90").append("currency", "EUR"))
                        .append("created_at", now)));
        // as order-service stores a batch: each replace guarded by the version it read
        Document confirmed = watched(id, now, 2, "CONFIRMED", product);
        List<WriteModel<Document>> bulk = new ArrayList<>();
        bulk.add(new ReplaceOneModel<>(and(eq("_id", id), eq("version", 1)), confirmed));
        if (previous != null) {
            Document settled = new Document(previous).append("version", 3);
            settled.remove("recheckAt");
            bulk.add(new ReplaceOneModel<>(and(eq("_id", previous.get("_id")), eq("version", 2)), settled));
        }
        timed(Cmd.BULK, () -> orders.bulkWrite(bulk, new BulkWriteOptions().ordered(false)));
        previous = confirmed;
        timed(
                Cmd.RELEASE,
                () -> products.updateOne(
                        eq("_id", product), Updates.combine(Updates.inc("available", 2), Updates.inc("reserved", -2))));
        if (n % 10 == clientNo % 10) {
            timed(
                    Cmd.SWEEP,
                    () -> orders.find(lt("recheckAt", Instant.now()))
                            .sort(Sorts.ascending("recheckAt"))
                            .limit(100)
                            .into(new ArrayList<>()));
            timed(
                    Cmd.PAGE,
                    () -> payments.find(eq("status", "FAILED"))
                            .sort(Sorts.ascending("created_at", "_id"))
                            .limit(20)
                            .into(new ArrayList<>()));
        }
    }

    /** This client's order at {@code version}, still watched by the sweep: its {@code recheckAt} is its deadline. */
    private Document watched(String id, Instant createdAt, int version, String status, String product) {
        Document order = StoreData.orderDocument(id, "c-" + clientNo, createdAt, version, status, product);
        return order.append("recheckAt", order.get("deadline"));
    }

    private void timed(Cmd cmd, Runnable command) {
        long start = System.nanoTime();
        command.run();
        if (recording.get()) {
            long micros = Math.max(1, (System.nanoTime() - start) / 1000);
            histograms.get(cmd).recordValue(Math.min(micros, 300_000_000L));
        }
    }
}
