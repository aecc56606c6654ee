package dev.ordersaga.localstack.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreBackendTest {

    @TempDir
    Path dir;

    @Test
    void a_conditional_update_on_id_and_version_changes_the_document_once() {
        withStore(new StoreBackend(file()), orders -> {
            orders.insertOne(new Document("_id", "o-1").append("version", 0).append("status", "PENDING"));

            var first = orders.updateOne(and(eq("_id", "o-1"), eq("version", 0)), set("version", 1));
            var second = orders.updateOne(and(eq("_id", "o-1"), eq("version", 0)), set("version", 1));

            assertThat(first.getModifiedCount()).isEqualTo(1);
            assertThat(second.getMatchedCount()).isZero();
            assertThat(orders.find(eq("_id", "o-1")).first()).containsEntry("version", 1);
        });
    }

    @Test
    void every_acknowledged_write_is_in_the_file_already_so_a_killed_store_loses_none() {
        StoreBackend backend = new StoreBackend(file());
        withStore(backend, orders -> {
            orders.insertOne(new Document("_id", "o-1").append("version", 0));
            assertThat(backend.getMvStore().hasUnsavedChanges())
                    .as("after an insert")
                    .isFalse();

            orders.updateOne(and(eq("_id", "o-1"), eq("version", 0)), set("version", 1));
            assertThat(backend.getMvStore().hasUnsavedChanges())
                    .as("after an update")
                    .isFalse();

            orders.findOneAndUpdate(eq("_id", "o-1"), inc("n", 1));
            assertThat(backend.getMvStore().hasUnsavedChanges())
                    .as("after a findAndModify")
                    .isFalse();

            orders.deleteOne(eq("_id", "o-1"));
            assertThat(backend.getMvStore().hasUnsavedChanges())
                    .as("after a delete")
                    .isFalse();
        });
    }

    @Test
    void a_status_guard_next_to_the_id_is_still_checked() {
        withStore(new StoreBackend(file()), orders -> {
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
        withStore(new StoreBackend(file()), payments -> {
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
    void a_file_written_by_the_plain_h2_backend_opens_with_its_documents_and_indexes() {
        withStore(new H2Backend(file()), payments -> {
            payments.createIndex(Indexes.ascending("order_id"), new IndexOptions().unique(true));
            payments.insertOne(new Document("_id", "p-1").append("order_id", "o-1"));
        });

        withStore(new StoreBackend(file()), payments -> {
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

    private String file() {
        return dir.resolve("store.mv").toString();
    }

    private static void withStore(H2Backend backend, Consumer<MongoCollection<Document>> test) {
        withStore(backend, client -> {
            test.accept(client.getDatabase("ecommerce_test").getCollection("things"));
            return null;
        });
    }

    private static <T> T withStore(H2Backend backend, Function<MongoClient, T> test) {
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        try {
            InetSocketAddress address = server.getLocalAddress();
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
                return test.apply(client);
            }
        } finally {
            server.shutdown();
        }
    }
}
