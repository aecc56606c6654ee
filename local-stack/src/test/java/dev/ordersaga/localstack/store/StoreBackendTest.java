package dev.ordersaga.localstack.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.ordersaga.bench.ServiceIndexes;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreBackendTest {

    private static final StoreBackend.Settings SETTINGS = new StoreBackend.Settings(false, 64);

    @TempDir
    Path dir;

    @Test
    void a_conditional_update_on_id_and_version_changes_the_document_once() {
        withStore(backend(), orders -> {
            orders.insertOne(new Document("_id", "o-1").append("version", 0).append("status", "PENDING"));

            var first = orders.updateOne(and(eq("_id", "o-1"), eq("version", 0)), set("version", 1));
            var second = orders.updateOne(and(eq("_id", "o-1"), eq("version", 0)), set("version", 1));

            assertThat(first.getModifiedCount()).isEqualTo(1);
            assertThat(second.getMatchedCount()).isZero();
            assertThat(orders.find(eq("_id", "o-1")).first()).containsEntry("version", 1);
        });
    }

    @Test
    void every_acknowledged_write_is_in_the_journal_already() {
        StoreBackend backend = backend();
        withStore(backend, orders -> {
            orders.insertOne(new Document("_id", "o-1").append("version", 0));
            assertThat(backend.journal().pending()).as("after an insert").isZero();

            orders.updateOne(and(eq("_id", "o-1"), eq("version", 0)), set("version", 1));
            assertThat(backend.journal().pending()).as("after an update").isZero();

            orders.findOneAndUpdate(eq("_id", "o-1"), inc("n", 1));
            assertThat(backend.journal().pending()).as("after a findAndModify").isZero();

            orders.deleteOne(eq("_id", "o-1"));
            assertThat(backend.journal().pending()).as("after a delete").isZero();
        });
    }

    @Test
    void a_record_cut_short_at_the_end_of_the_journal_is_ignored_and_the_rest_recovered() throws Exception {
        withStore(backend(), things -> {
            insertThings(things, 50);
        }); // the server's shutdown closes its backend: the journal ends with whole records
        Path segment;
        try (var files = java.nio.file.Files.list(data())) {
            segment = files.filter(f -> f.getFileName().toString().startsWith("journal-"))
                    .max(java.util.Comparator.naturalOrder())
                    .orElseThrow();
        }
        // a kill in the middle of a journal write: a record's header announcing more bytes than follow
        java.nio.file.Files.write(
                segment, new byte[] {0, 0, 1, 0, 1, 2, 3, 4, 1, 9, 9}, java.nio.file.StandardOpenOption.APPEND);

        withStore(backend(), things -> {
            assertThat(things.countDocuments()).isEqualTo(50);
            things.insertOne(new Document("_id", "after"));
            assertThat(things.find(eq("_id", "t-49")).first()).containsEntry("n", 49);
        });
        withStore(backend(), things -> {
            assertThat(things.countDocuments()).isEqualTo(51);
        });
    }

    @Test
    void a_snapshot_replaces_the_journal_before_it_and_a_restart_reads_both() throws Exception {
        StoreBackend first = backend();
        withStore(first, things -> {
            insertThings(things, 100);
            first.snapshot();
            things.deleteOne(eq("_id", "t-0"));
            things.updateOne(eq("_id", "t-1"), set("n", -1));
        });
        first.close();
        List<String> files;
        try (var list = java.nio.file.Files.list(data())) {
            files = list.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertThat(files).filteredOn(f -> f.startsWith("snapshot-")).hasSize(1);
        String snapshot = files.stream()
                .filter(f -> f.startsWith("snapshot-"))
                .findFirst()
                .orElseThrow();
        String number = snapshot.substring("snapshot-".length(), snapshot.indexOf('.'));
        assertThat(files)
                .as("no journal segment older than the snapshot is kept")
                .filteredOn(f -> f.startsWith("journal-"))
                .allMatch(f -> f.compareTo("journal-" + number) >= 0);

        withStore(backend(), things -> {
            assertThat(things.countDocuments()).isEqualTo(99);
            assertThat(things.find(eq("_id", "t-0")).first()).isNull();
            assertThat(things.find(eq("_id", "t-1")).first()).containsEntry("n", -1);
            assertThat(things.find(eq("_id", "t-99")).first()).containsEntry("n", 99);
        });
    }

    @Test
    void an_acknowledged_write_survives_a_SIGKILL_of_the_store_process() throws Exception {
        Path file = dir.resolve("killed");
        int port = freePort();
        Process store = startStoreMain(port, file);
        try (MongoClient client = client(port)) {
            MongoCollection<Document> orders =
                    client.getDatabase("ecommerce_order").getCollection("orders");
            orders.createIndex(Indexes.ascending("status"));
            for (int i = 0; i < 200; i++) {
                orders.insertOne(new Document("_id", "o-" + i).append("status", "PENDING"));
                orders.updateOne(eq("_id", "o-" + i), set("status", "CONFIRMED"));
            }
        }
        store.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no close

        Process again = startStoreMain(port, file);
        try (MongoClient client = client(port)) {
            MongoCollection<Document> orders =
                    client.getDatabase("ecommerce_order").getCollection("orders");
            assertThat(orders.countDocuments()).isEqualTo(200);
            assertThat(orders.countDocuments(eq("status", "CONFIRMED"))).isEqualTo(200);
            assertThat(orders.find(eq("_id", "o-199")).first()).containsEntry("status", "CONFIRMED");
        } finally {
            again.destroyForcibly().waitFor();
        }
    }

    @Test
    void writes_arriving_together_are_acknowledged_after_one_commit() throws Exception {
        StoreBackend backend = backend();
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, 32);
        int writers = 6;
        List<MongoClient> clients = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            int port = server.getLocalAddress().getPort();
            for (int i = 0; i < writers; i++) {
                MongoClient client = client(port);
                client.getDatabase("ecommerce_test")
                        .getCollection("things")
                        .insertOne(new Document("_id", "warm-" + i));
                clients.add(client);
            }
            Journal groupCommit = backend.journal();
            long commitsBefore = backend.stats().commits.sum();
            List<CompletableFuture<Void>> acknowledged = new ArrayList<>();
            try (AutoCloseable held = groupCommit.holdCommits()) {
                for (int i = 0; i < writers; i++) {
                    MongoCollection<Document> things =
                            clients.get(i).getDatabase("ecommerce_test").getCollection("things");
                    String id = "t-" + i;
                    acknowledged.add(
                            CompletableFuture.runAsync(() -> things.insertOne(new Document("_id", id)), threads));
                }
                // every write applied and waiting for its commit, none answered yet
                await().atMost(Duration.ofSeconds(30)).until(() -> groupCommit.pending() == writers);
                assertThat(acknowledged).noneMatch(CompletableFuture::isDone);
            }
            CompletableFuture.allOf(acknowledged.toArray(CompletableFuture[]::new))
                    .get(30, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(backend.stats().commits.sum() - commitsBefore)
                    .as("journal writes for six concurrent writes")
                    .isEqualTo(1);
            assertThat(groupCommit.pending()).isZero();
        } finally {
            clients.forEach(MongoClient::close);
            threads.shutdownNow();
            server.shutdown();
        }
    }

    @Test
    void a_status_guard_next_to_the_id_is_still_checked() {
        withStore(backend(), orders -> {
            orders.insertOne(new Document("_id", "o-1").append("status", "CONFIRMED"));
            orders.insertOne(new Document("_id", "o-2").append("status", "PENDING"));

            var onTerminal =
                    orders.updateOne(and(eq("_id", "o-1"), in("status", "PENDING", "STOCK_RESERVED")), inc("n", 1));
            var onOpen =
                    orders.updateOne(and(eq("_id", "o-2"), in("status", "PENDING", "STOCK_RESERVED")), inc("n", 1));

            assertThat(onTerminal.getMatchedCount()).isZero();
            assertThat(onOpen.getModifiedCount()).isEqualTo(1);
            assertThat(orders.find(and(eq("_id", "o-2"), eq("status", "PENDING")))
                            .into(new ArrayList<>()))
                    .singleElement()
                    .satisfies(d -> assertThat(d).containsEntry("n", 1));
            assertThat(orders.find(and(eq("_id", "o-404"), eq("status", "PENDING")))
                            .first())
                    .isNull();
        });
    }

    @Test
    void a_secondary_unique_index_answers_a_query_that_adds_conditions() {
        withStore(backend(), payments -> {
            payments.createIndex(Indexes.ascending("order_id"), new IndexOptions().unique(true));
            for (int i = 0; i < 50; i++) {
                payments.insertOne(new Document("_id", "p-" + i)
                        .append("order_id", "o-" + i)
                        .append("status", i % 2 == 0 ? "CAPTURED" : "FAILED"));
            }

            assertThat(payments.find(and(eq("order_id", "o-4"), eq("status", "CAPTURED")))
                            .into(new ArrayList<>()))
                    .extracting(d -> d.getString("_id"))
                    .containsExactly("p-4");
            assertThat(payments.find(and(eq("order_id", "o-5"), eq("status", "CAPTURED")))
                            .first())
                    .isNull();
            assertThat(payments.countDocuments(eq("status", "CAPTURED"))).isEqualTo(25);
        });
    }

    @Test
    void a_file_written_by_the_plain_h2_backend_is_carried_over_with_its_documents_and_indexes() throws Exception {
        java.nio.file.Files.createDirectories(data());
        withStore(new H2Backend(data().resolve(StoreBackend.EARLIER_FILE).toString()), payments -> {
            payments.createIndex(Indexes.ascending("order_id"), new IndexOptions().unique(true));
            payments.insertOne(new Document("_id", "p-1").append("order_id", "o-1"));
        });

        withStore(backend(), payments -> {
            assertThat(payments.find(and(eq("_id", "p-1"), eq("order_id", "o-1")))
                            .first())
                    .isNotNull();
            assertThat(payments.listIndexes().map(d -> d.getString("name")).into(new ArrayList<>()))
                    .contains("order_id_1");
            List<Exception> duplicate = new ArrayList<>();
            try {
                payments.insertOne(new Document("_id", "p-2").append("order_id", "o-1"));
            } catch (RuntimeException e) {
                duplicate.add(e);
            }
            assertThat(duplicate).as("the unique index survived the reopen").hasSize(1);
        });
    }

    /**
     * The indexes the services declare, with each query shape they send, over collections large enough that a scan
     * would show: each reads at most the documents it answers with (the store's documents-examined counter).
     */
    @Test
    void each_declared_index_serves_the_query_shapes_the_services_send() {
        withStore(backend(), (Function<MongoClient, Void>) client -> {
            Shop shop = Shop.create(client.getDatabase("ecommerce_shop"), 3000);
            for (Shape shape : shop.shapes()) {
                long before = examined(client);
                List<String> answer = shape.run();
                long read = examined(client) - before;
                assertThat(answer).as(shape.name()).containsExactlyElementsOf(shape.expected());
                assertThat(read).as("documents examined by " + shape.name()).isLessThanOrEqualTo(shape.maxExamined());
            }
            return null;
        });
    }

    /**
     * order-service's sweep reads {@code recheckAt < now}, sorted, from orders most of which (the settled ones) have
     * no {@code recheckAt}. An index entry of a document without the field, or with it null, holds null, which sorts
     * before every time: a range with no lower end reads all of them first. So the field is removed, not set to
     * null, once nothing is left to look at, and the index is sparse: such a document has no entry at all.
     */
    @Test
    void a_range_below_a_time_reads_only_the_documents_that_have_the_field_when_the_index_is_sparse_and_it_is_unset() {
        withStore(backend(), (Function<MongoClient, Void>) client -> {
            MongoDatabase db = client.getDatabase("ecommerce_sweep");
            Instant start = Instant.parse("2026-01-01T00:00:00Z");
            int settled = 2000;
            for (String variant : List.of("sparse-unset", "sparse-null", "full-unset")) {
                MongoCollection<Document> orders = db.getCollection(variant);
                orders.createIndex(
                        Indexes.ascending("recheckAt"),
                        new IndexOptions().name("recheck").sparse(variant.startsWith("sparse")));
                List<Document> documents = new ArrayList<>();
                for (int i = 0; i < settled; i++) {
                    Document order = new Document("_id", "settled-" + i);
                    if (variant.endsWith("null")) {
                        order.append("recheckAt", null);
                    }
                    documents.add(order);
                }
                for (int i = 0; i < 20; i++) {
                    documents.add(new Document("_id", "open-" + i).append("recheckAt", start.plusSeconds(i)));
                }
                orders.insertMany(documents);

                long before = examined(client);
                List<String> due = ids(orders.find(lt("recheckAt", start.plusSeconds(100)))
                        .sort(Sorts.ascending("recheckAt"))
                        .limit(10));
                long read = examined(client) - before;

                assertThat(due)
                        .as(variant)
                        .containsExactlyElementsOf(IntStream.range(0, 10)
                                .mapToObj(i -> "open-" + i)
                                .toList());
                if (variant.equals("sparse-unset")) {
                    assertThat(read)
                            .as("documents read by the sweep's query, " + variant)
                            .isLessThanOrEqualTo(10);
                } else {
                    assertThat(read)
                            .as("documents read by the sweep's query, " + variant + " (every settled one first)")
                            .isGreaterThanOrEqualTo(settled);
                }
            }
            return null;
        });
    }

    /**
     * The admin's order list (and the invariant check, which pages through all of it): page p skips p × size orders
     * and counts them all. Both are answered from the index's ranks: the page reads its own documents only, the count
     * no index entry at all, however deep the page.
     */
    @Test
    void a_deep_page_and_its_count_read_only_the_page() {
        withStore(backend(), (Function<MongoClient, Void>) client -> {
            Shop shop = Shop.create(client.getDatabase("ecommerce_shop"), 3000);
            List<String> requestedNewestFirst = new ArrayList<>();
            for (int i = 2999; i >= 0; i--) {
                if (i % 500 != 1) {
                    requestedNewestFirst.add("o-" + i);
                }
            }
            long documentsBefore = examined(client);
            List<String> page = ids(shop.c("orders")
                    .find(eq("facts.requested", true))
                    .sort(Sorts.orderBy(Sorts.descending("createdAt"), Sorts.ascending("_id")))
                    .skip(2500)
                    .limit(100));
            assertThat(page).containsExactlyElementsOf(requestedNewestFirst.subList(2500, 2600));
            assertThat(examined(client) - documentsBefore)
                    .as("documents read for page 26")
                    .isEqualTo(100);

            long keysBefore = keysExamined(client);
            assertThat(shop.c("orders").countDocuments(eq("facts.requested", true)))
                    .isEqualTo(requestedNewestFirst.size());
            assertThat(keysExamined(client) - keysBefore)
                    .as("index entries read to count")
                    .isZero();
            return null;
        });
    }

    @Test
    void a_restart_with_a_large_collection_keeps_its_indexes_and_answers_as_before() {
        List<List<String>> answers = new ArrayList<>();
        withStore(backend(), (Function<MongoClient, Void>) client -> {
            Shop shop = Shop.create(client.getDatabase("ecommerce_shop"), 20_000);
            for (Shape shape : shop.shapes()) {
                answers.add(shape.run());
            }
            return null;
        });

        withStore(backend(), (Function<MongoClient, Void>) client -> {
            long examinedToOpen = examined(client);
            MongoDatabase db = client.getDatabase("ecommerce_shop");
            long documents = 0;
            for (String name : db.listCollectionNames()) {
                documents += db.getCollection(name).estimatedDocumentCount();
            }
            assertThat(documents).isEqualTo(4 * 20_000 + 300);
            // built index by index, each document was decoded twice per index: 601,415 here
            assertThat(examinedToOpen)
                    .as("every index of a collection built in one pass: each document decoded once (and the"
                            + " database's catalogue of its indexes read)")
                    .isBetween(documents, documents + 1_000);
            assertThatThrownBy(() -> db.getCollection("payments")
                            .insertOne(new Document("_id", "p-again").append("order_id", "o-7")))
                    .as("a unique index rebuilt at the start still refuses a duplicate")
                    .hasMessageContaining("duplicate key");
            Shop shop = Shop.existing(db, 20_000);
            List<Shape> shapes = shop.shapes();
            for (int i = 0; i < shapes.size(); i++) {
                Shape shape = shapes.get(i);
                long before = examined(client);
                assertThat(shape.run())
                        .as(shape.name())
                        .isEqualTo(answers.get(i))
                        .isEqualTo(shape.expected());
                assertThat(examined(client) - before)
                        .as("documents examined by " + shape.name() + " after the restart")
                        .isLessThanOrEqualTo(shape.maxExamined());
            }
            return null;
        });
    }

    /** A query the services send, what it must answer, and how many documents it may read for that. */
    record Shape(
            String name, java.util.function.Supplier<List<String>> query, List<String> expected, long maxExamined) {
        List<String> run() {
            return query.get();
        }
    }

    /**
     * Collections shaped like the services', with the indexes they declare: n orders (one in 100 still open, with
     * the sweep's {@code recheckAt}; the rest confirmed and settled, without it), their payments (one in ten failed),
     * reservations, products and users.
     */
    record Shop(MongoDatabase db, int n, Instant start) {

        static Shop create(MongoDatabase db, int n) {
            Shop shop = existing(db, n);
            shop.declareIndexes();
            shop.fill();
            return shop;
        }

        static Shop existing(MongoDatabase db, int n) {
            return new Shop(db, n, Instant.parse("2026-01-01T00:00:00Z"));
        }

        MongoCollection<Document> c(String name) {
            return db.getCollection(name);
        }

        /** As the services declare them. */
        void declareIndexes() {
            ServiceIndexes.create(db);
        }

        void fill() {
            List<Document> orders = new ArrayList<>();
            List<Document> payments = new ArrayList<>();
            List<Document> reservations = new ArrayList<>();
            List<Document> users = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Instant created = start.plusSeconds(i);
                boolean open = i % 100 == 0;
                Document order = new Document("_id", "o-" + i)
                        .append("version", 3)
                        .append("customerId", "c-" + (i % 50))
                        .append("status", open ? "PENDING" : "CONFIRMED")
                        .append("facts", new Document("requested", i % 500 != 1))
                        .append("createdAt", created)
                        .append("deadline", created.plusSeconds(30));
                if (open) {
                    order.append("recheckAt", created.plusSeconds(30));
                }
                orders.add(order);
                payments.add(new Document("_id", "p-" + i)
                        .append("order_id", "o-" + i)
                        .append("status", i % 10 == 0 ? "FAILED" : "CAPTURED")
                        .append("created_at", created));
                reservations.add(new Document("_id", "o-" + i).append("status", open ? "RESERVED" : "COMMITTED"));
                users.add(new Document("_id", "u-" + i)
                        .append("username_key", "user" + i)
                        .append("email_key", "user" + i + "@example.com")
                        .append("registration_published", i % 1000 != 7)
                        .append("created_at", created));
                if (orders.size() == 1000 || i == n - 1) {
                    c("orders").insertMany(orders);
                    c("payments").insertMany(payments);
                    c("reservations").insertMany(reservations);
                    c("users").insertMany(users);
                    orders.clear();
                    payments.clear();
                    reservations.clear();
                    users.clear();
                }
            }
            List<Document> products = new ArrayList<>();
            for (int p = 0; p < 300; p++) {
                products.add(new Document("_id", "prod-" + p)
                        .append("sku", String.format("SKU-%04d", 299 - p))
                        .append("available", p));
            }
            c("products").insertMany(products);
        }

        List<Shape> shapes() {
            List<Shape> shapes = new ArrayList<>();
            Instant now = start.plusSeconds(n);
            // order-service: the deadline sweep, the longest waiting first (OrderStore.due): settled orders have no
            // recheckAt, so no entry in the sparse index
            shapes.add(new Shape(
                    "sweep recheckAt < now sorted, limit 10",
                    () -> ids(c("orders")
                            .find(lt("recheckAt", now))
                            .sort(Sorts.ascending("recheckAt"))
                            .limit(10)),
                    IntStream.range(0, 10).mapToObj(k -> "o-" + k * 100).toList(),
                    10));
            // order-service: a conditional replace guard and the bulk loads
            shapes.add(new Shape(
                    "_id and version",
                    () -> ids(c("orders").find(and(eq("_id", "o-42"), eq("version", 3)))),
                    List.of("o-42"),
                    1));
            shapes.add(new Shape(
                    "_id $in",
                    () -> ids(c("orders").find(in("_id", "o-7", "o-8", "o-9"))),
                    List.of("o-7", "o-8", "o-9"),
                    3));
            // order-service: the overdue orders (status + deadline range)
            shapes.add(new Shape(
                    "status PENDING and deadline < t",
                    () -> ids(c("orders")
                            .find(and(eq("status", "PENDING"), lt("deadline", start.plusSeconds(530))))
                            .sort(Sorts.ascending("deadline"))),
                    List.of("o-0", "o-100", "o-200", "o-300", "o-400"),
                    5));
            // order-service: the orders page, all orders and one customer's, newest first
            List<String> newest = new ArrayList<>();
            for (int i = n - 1; newest.size() < 20; i--) {
                if (i % 500 != 1) {
                    newest.add("o-" + i);
                }
            }
            shapes.add(new Shape(
                    "orders page, newest first",
                    () -> ids(c("orders")
                            .find(eq("facts.requested", true))
                            .sort(Sorts.orderBy(Sorts.descending("createdAt"), Sorts.ascending("_id")))
                            .limit(20)),
                    newest,
                    20));
            shapes.add(new Shape(
                    "orders page count",
                    () -> List.of(String.valueOf(c("orders").countDocuments(eq("facts.requested", true)))),
                    List.of(String.valueOf(n - n / 500)),
                    0));
            List<String> customer = new ArrayList<>();
            for (int i = n - 1; customer.size() < 5; i--) {
                if (i % 50 == 7 && i % 500 != 1) {
                    customer.add("o-" + i);
                }
            }
            shapes.add(new Shape(
                    "one customer's page",
                    () -> ids(c("orders")
                            .find(and(eq("facts.requested", true), eq("customerId", "c-7")))
                            .sort(Sorts.orderBy(Sorts.descending("createdAt"), Sorts.ascending("_id")))
                            .limit(5)),
                    customer,
                    10));
            // payment-service: payments by order ids, the payments page of one status and its count
            shapes.add(new Shape(
                    "payments by order_id $in",
                    () -> ids(c("payments").find(in("order_id", "o-1", "o-2"))),
                    List.of("p-1", "p-2"),
                    2));
            shapes.add(new Shape(
                    "payments page FAILED by created_at",
                    () -> ids(c("payments")
                            .find(eq("status", "FAILED"))
                            .sort(Sorts.ascending("created_at", "_id"))
                            .skip(2)
                            .limit(3)),
                    List.of("p-20", "p-30", "p-40"),
                    5));
            shapes.add(new Shape(
                    "payments page by created_at (every status: the invariant check's listing)",
                    () -> ids(c("payments")
                            .find()
                            .sort(Sorts.ascending("created_at", "_id"))
                            .skip(20)
                            .limit(3)),
                    List.of("p-20", "p-21", "p-22"),
                    23));
            shapes.add(new Shape(
                    "payments count FAILED",
                    () -> List.of(String.valueOf(c("payments").countDocuments(eq("status", "FAILED")))),
                    List.of(String.valueOf(n / 10)),
                    0));
            // inventory-service: Reservations.countOpen, the products page by sku
            shapes.add(new Shape(
                    "reservations countOpen",
                    () -> List.of(
                            String.valueOf(c("reservations").countDocuments(in("status", "RESERVING", "RESERVED")))),
                    List.of(String.valueOf(n / 100)),
                    0));
            shapes.add(new Shape(
                    "products page by sku",
                    () -> ids(c("products")
                            .find()
                            .sort(Sorts.ascending("sku"))
                            .skip(10)
                            .limit(3)),
                    List.of("prod-289", "prod-288", "prod-287"),
                    13));
            shapes.add(new Shape(
                    "product stock guard",
                    () -> ids(c("products").find(and(eq("_id", "prod-5"), gte("available", 5)))),
                    List.of("prod-5"),
                    1));
            // auth-service: log-in by user name, the registration outbox
            shapes.add(new Shape(
                    "user by username_key",
                    () -> ids(c("users").find(eq("username_key", "user12"))),
                    List.of("u-12"),
                    1));
            List<String> unpublished = new ArrayList<>();
            for (int i = 7; i < n; i += 1000) {
                unpublished.add("u-" + i);
            }
            shapes.add(new Shape(
                    "registration outbox",
                    () -> ids(c("users")
                            .find(and(eq("registration_published", false), lt("created_at", now)))
                            .sort(Sorts.ascending("created_at"))
                            .limit(100)),
                    unpublished,
                    unpublished.size()));
            return shapes;
        }
    }

    private static List<String> ids(Iterable<Document> documents) {
        List<String> ids = new ArrayList<>();
        documents.forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    private static long examined(MongoClient client) {
        Document status = client.getDatabase("admin").runCommand(new Document("storeStatus", 1));
        return ((Number) status.get("documentsExamined")).longValue();
    }

    private static void insertThings(MongoCollection<Document> things, int n) {
        for (int i = 0; i < n; i++) {
            things.insertOne(new Document("_id", "t-" + i).append("n", i));
        }
    }

    private static long keysExamined(MongoClient client) {
        Document status = client.getDatabase("admin").runCommand(new Document("storeStatus", 1));
        return ((Number) status.get("keysExamined")).longValue();
    }

    private StoreBackend backend() {
        return new StoreBackend(data(), SETTINGS);
    }

    private Path data() {
        return dir.resolve("data");
    }

    private Process startStoreMain(int port, Path file) throws IOException {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx128m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        StoreMain.class.getName(),
                        "127.0.0.1",
                        String.valueOf(port),
                        file.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("store-" + port + "-" + System.nanoTime() + ".log")
                        .toFile())
                .start();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        return process;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static MongoClient client(int port) {
        return MongoClients.create("mongodb://127.0.0.1:" + port);
    }

    private static void withStore(StoreBackend backend, Consumer<MongoCollection<Document>> test) {
        withStore(backend, (Function<MongoClient, Void>) client -> {
            test.accept(client.getDatabase("ecommerce_test").getCollection("things"));
            return null;
        });
    }

    private static void withStore(H2Backend backend, Consumer<MongoCollection<Document>> test) {
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        try (MongoClient client = client(server.getLocalAddress().getPort())) {
            test.accept(client.getDatabase("ecommerce_test").getCollection("things"));
        } finally {
            server.shutdown();
        }
    }

    private static <T> T withStore(StoreBackend backend, Function<MongoClient, T> test) {
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, 16);
        try (MongoClient client = client(server.getLocalAddress().getPort())) {
            return test.apply(client);
        } finally {
            server.shutdown();
        }
    }
}
