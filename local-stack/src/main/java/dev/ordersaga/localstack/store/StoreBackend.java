package dev.ordersaga.localstack.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Locale;
import java.util.Set;

/**
 * The H2 file backend with index use for conditional writes ({@link IndexedH2Collection}), every write on
 * file before it is acknowledged, a log line for every slow command, plus the {@code hello} handshake command. mongo-java-server answers only
 * the legacy {@code isMaster}; Spring Boot's MongoDB health indicator sends {@code hello}, so
 * without this every service's {@code /actuator/health} would report DOWN against this store.
 */
final class StoreBackend extends H2Backend {

    /** The commands that change data: each is on disk before it is answered. */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify");

    /** Commands slower than this are logged with their filter, so a query that scans a collection is found. */
    private static final long SLOW_NANOS = Long.getLong("ordersaga.store.slow-ms", 50) * 1_000_000L;

    StoreBackend(String fileName) {
        super(fileName);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedDatabase(databaseName);
    }

    /**
     * An H2 database whose collections use their unique indexes for conditional writes. An inner class because the
     * super constructor already opens collections, before a field of a subclass could hold the MVStore.
     */
    private final class IndexedDatabase extends H2Database {

        IndexedDatabase(String databaseName) {
            super(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            // the same map names as H2Database, so files written before this class existed open unchanged
            String namespace = getFullCollectionNamespace(collectionName);
            return new IndexedH2Collection(
                    this,
                    collectionName,
                    options,
                    getMvStore().openMap("databases." + namespace),
                    getMvStore().openMap("meta." + namespace),
                    cursorRegistry);
        }
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if ("hello".equalsIgnoreCase(command)) {
            Document answer = super.handleCommand(channel, databaseName, "isMaster", query);
            answer.put("isWritablePrimary", Boolean.TRUE);
            return answer;
        }
        long start = System.nanoTime();
        Document answer = super.handleCommand(channel, databaseName, command, query);
        if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
            // H2 writes its file once a second by itself: a store killed in between would lose
            // writes it had acknowledged, which the services have already built on (a Kafka offset
            // committed, an event published). Written to the file now, a SIGKILL loses nothing.
            getMvStore().commit();
        }
        long took = System.nanoTime() - start;
        if (took > SLOW_NANOS) {
            String text = String.valueOf(query);
            System.out.printf(
                    "slow command %d ms: %s %s.%s %s%n",
                    took / 1_000_000,
                    command,
                    databaseName,
                    query.get(command),
                    text.length() > 600 ? text.substring(0, 600) + "…" : text);
        }
        return answer;
    }
}
