package dev.ordersaga.localstack.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;

/**
 * The stack's store: mongo-java-server's wire protocol and query engine over documents held in memory (H2 MVStore
 * maps without a file: B-trees of BSON documents, {@link StoreDatabase}), real secondary indexes and a planner
 * ({@link QueryPlanner}), made durable by an append-only {@link Journal} with group commit and snapshots: a write is
 * answered once its records are in the journal file, and concurrent writes share one journal write. Also answers
 * {@code hello} (mongo-java-server knows only the legacy {@code isMaster}; Spring Boot's health indicator sends
 * {@code hello}) and {@code storeStatus}: what the store did (documents examined, journal writes).
 */
final class StoreBackend extends AbstractMongoBackend {

    /** How the store runs; each from a system property of the store's JVM, with the default measured best. */
    record Settings(boolean fsync, long snapshotAfterMb) {

        static Settings fromSystemProperties() {
            return new Settings(
                    Boolean.parseBoolean(System.getProperty("ordersaga.store.fsync", "false")),
                    Long.getLong("ordersaga.store.snapshot-after-mb", 64));
        }
    }

    /** Commands that only read: every other command is a write and waits for its journal write. */
    private static final Set<String> READS = Set.of(
            "find",
            "getmore",
            "count",
            "aggregate",
            "distinct",
            "listcollections",
            "listindexes",
            "listdatabases",
            "hello",
            "ismaster",
            "ping",
            "buildinfo",
            "serverstatus",
            "storestatus",
            "whatsmyuri",
            "getlasterror",
            "getlog",
            "hostinfo",
            "dbstats",
            "collstats",
            "killcursors",
            "endsessions",
            "connectionstatus",
            "getparameter",
            "getcmdlineopts",
            "saslstart",
            "saslcontinue");

    /** Commands slower than this are logged with their filter, so a query that scans a collection is found. */
    private static final long SLOW_NANOS = Long.getLong("ordersaga.store.slow-ms", 50) * 1_000_000L;

    /** The file of the store before the journal (one H2 MVStore file), carried over once if found. */
    static final String EARLIER_FILE = "store.mv.db";

    /** The map prefix of files written by mongo-java-server's own H2 backend (Java-serialized documents). */
    private static final String JAVA_SERIALIZED = "databases.";

    private final MVStore store;
    private final StoreStats stats = new StoreStats();
    private final Journal journal;
    private final long snapshotAfterBytes;
    private final ScheduledExecutorService housekeeping;

    StoreBackend(Path dir) {
        this(dir, Settings.fromSystemProperties());
    }

    StoreBackend(Path dir, Settings settings) {
        // no file: the maps live in the heap; the journal makes them durable
        this.store = new MVStore.Builder()
                .keysPerPage(Integer.getInteger("ordersaga.store.keys-per-page", 48))
                .open();
        this.snapshotAfterBytes = settings.snapshotAfterMb() * 1024 * 1024;
        boolean kept = Journal.exists(dir);
        this.journal = Journal.open(dir, settings.fsync(), stats, new Documents());
        if (!kept && Files.exists(dir.resolve(EARLIER_FILE))) {
            carryOver(dir.resolve(EARLIER_FILE));
        }
        for (String database : databaseNames()) {
            resolveDatabase(database);
        }
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "store-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        housekeeping.scheduleWithFixedDelay(this::snapshotIfDue, 5, 5, TimeUnit.SECONDS);
    }

    /** Recovery writes straight into the document maps (indexes are built when their collections open). */
    private final class Documents implements JournalRecord.Target {
        @Override
        public void put(String namespace, Object id, byte[] document) {
            StoreDatabase.documents(store, namespace).put(id, document);
        }

        @Override
        public void delete(String namespace, Object id) {
            StoreDatabase.documents(store, namespace).remove(id);
        }

        @Override
        public void drop(String namespace) {
            store.removeMap(StoreDatabase.DOCUMENTS + namespace);
        }

        @Override
        public void rename(String from, String to) {
            store.renameMap(StoreDatabase.documents(store, from), StoreDatabase.DOCUMENTS + to);
        }
    }

    private Set<String> databaseNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String map : store.getMapNames()) {
            if (map.startsWith(StoreDatabase.DOCUMENTS)) {
                String namespace = map.substring(StoreDatabase.DOCUMENTS.length());
                names.add(namespace.substring(0, namespace.indexOf('.')));
            }
        }
        return names;
    }

    /**
     * A data directory of the store before the journal: one H2 MVStore file, with BSON documents ({@code docs.*})
     * or, older, mongo-java-server's Java-serialized ones ({@code databases.*}). Its documents are copied in once
     * and written as the first snapshot, then the file is deleted; indexes are rebuilt from the documents when their
     * database opens (their definitions are documents too, in {@code system.indexes}).
     */
    private void carryOver(Path file) {
        MVStore earlier =
                new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            for (String name : earlier.getMapNames()) {
                if (name.startsWith(StoreDatabase.DOCUMENTS)) {
                    MVMap<Object, byte[]> from = earlier.openMap(
                            name,
                            new MVMap.Builder<Object, byte[]>()
                                    .keyType(KeyType.ids())
                                    .valueType(ByteArrayDataType.INSTANCE));
                    StoreDatabase.documents(store, name.substring(StoreDatabase.DOCUMENTS.length()))
                            .putAll(from);
                    System.out.printf("store: %d documents of %s carried over%n", from.size(), name);
                } else if (name.startsWith(JAVA_SERIALIZED)) {
                    MVMap<Object, Document> from = earlier.openMap(name);
                    MVMap<Object, byte[]> to = StoreDatabase.documents(store, name.substring(JAVA_SERIALIZED.length()));
                    from.forEach((key, document) -> to.put(key, Bson.encode(document)));
                    System.out.printf("store: %d documents of %s carried over to BSON%n", from.size(), name);
                }
            }
        } finally {
            earlier.close();
        }
        snapshot();
        try {
            Files.delete(file);
        } catch (IOException e) {
            System.out.println("store: cannot delete the carried-over " + file + ": " + e);
        }
    }

    /** A snapshot once the journal since the last one outgrows it (and the threshold): replay stays bounded. */
    private void snapshotIfDue() {
        try {
            if (journal.bytesSinceSnapshot() > Math.max(snapshotAfterBytes, journal.snapshotBytes())) {
                snapshot();
            }
        } catch (RuntimeException e) {
            System.out.println("store: snapshot failed, tried again later: " + e);
        }
    }

    /** Every document, as of one instant with no write half applied (the maps' cursors keep that version). */
    void snapshot() {
        journal.snapshot(() -> {
            Map<String, Cursor<Object, byte[]>> collections = new LinkedHashMap<>();
            for (String name : store.getMapNames()) {
                if (name.startsWith(StoreDatabase.DOCUMENTS)) {
                    String namespace = name.substring(StoreDatabase.DOCUMENTS.length());
                    collections.put(
                            namespace, StoreDatabase.documents(store, namespace).cursor(null));
                }
            }
            return collections;
        });
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new StoreDatabase(databaseName, store, journal, getCursorRegistry(), stats);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("hello")) {
            Document answer = super.handleCommand(channel, databaseName, "isMaster", query);
            answer.put("isWritablePrimary", Boolean.TRUE);
            return answer;
        }
        if (name.equals("storestatus")) {
            return stats.toDocument()
                    .append("fsync", journal.fsync())
                    .append("diskBytes", journal.diskBytes())
                    .append("ok", 1.0);
        }
        long start = System.nanoTime();
        Document answer = READS.contains(name) && !writesOut(query)
                ? super.handleCommand(channel, databaseName, command, query)
                : journal.write(() -> super.handleCommand(channel, databaseName, command, query));
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

    /** An aggregation that writes its result into a collection ($out, $merge) is a write. */
    private static boolean writesOut(Document query) {
        return query.get("pipeline") instanceof List<?> stages
                && stages.stream()
                        .anyMatch(stage ->
                                stage instanceof Document d && (d.containsKey("$out") || d.containsKey("$merge")));
    }

    /** The store's counters (also the {@code storeStatus} command). */
    StoreStats stats() {
        return stats;
    }

    Journal journal() {
        return journal;
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        super.close();
        journal.close();
    }
}
