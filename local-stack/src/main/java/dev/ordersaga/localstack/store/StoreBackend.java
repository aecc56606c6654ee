package dev.ordersaga.localstack.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The stack's store: mongo-java-server's wire protocol and query engine over one H2 MVStore file, with documents
 * and index keys in BSON ({@link StoreDatabase}), real secondary indexes and a planner ({@link QueryPlanner}), and
 * group commit ({@link GroupCommit}): a write is answered once it is in the file, and concurrent writes share one
 * commit. Also answers {@code hello} (mongo-java-server knows only the legacy {@code isMaster}; Spring Boot's
 * health indicator sends {@code hello}) and {@code storeStatus}: what the store did (documents examined, commits).
 */
final class StoreBackend extends AbstractMongoBackend {

    /** How the store runs; each from a system property of the store's JVM, with the default measured best. */
    record Settings(int cacheMb, boolean fsync, int pageSplitKb) {

        static Settings fromSystemProperties() {
            return new Settings(
                    Integer.getInteger("ordersaga.store.cache-mb", 256),
                    Boolean.parseBoolean(System.getProperty("ordersaga.store.fsync", "false")),
                    Integer.getInteger("ordersaga.store.page-kb", 16));
        }
    }

    /** Commands that only read: every other command is a write and waits for its commit. */
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

    /** The map prefixes of the files written before BSON (Java-serialized documents, unique indexes only). */
    private static final String OLD_DOCUMENTS = "databases.";

    private final MVStore store;
    private final StoreStats stats = new StoreStats();
    private final GroupCommit groupCommit;
    private final ScheduledExecutorService housekeeping;

    StoreBackend(String fileName) {
        this(fileName, Settings.fromSystemProperties());
    }

    StoreBackend(String fileName, Settings settings) {
        this.store = new MVStore.Builder()
                .fileName(fileName)
                .cacheSize(settings.cacheMb())
                .pageSplitSize(settings.pageSplitKb() * 1024)
                .keysPerPage(Integer.getInteger("ordersaga.store.keys-per-page", 48))
                // no background commit: it could write a change half applied (a document without its index
                // entry); only GroupCommit commits, with every write whole
                .autoCommitDisabled()
                .open();
        String retention = System.getProperty("ordersaga.store.retention-ms");
        if (retention != null) {
            store.setRetentionTime(Integer.parseInt(retention));
        }
        this.groupCommit = new GroupCommit(store, settings.fsync(), stats);
        migrateJavaSerializedMaps();
        for (String database : databaseNames()) {
            resolveDatabase(database);
        }
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "store-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        housekeeping.scheduleWithFixedDelay(this::compact, 10, 10, TimeUnit.SECONDS);
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
     * A file written by the store before it kept BSON (mongo-java-server's H2 backend: Java-serialized documents):
     * its collections are copied into BSON maps once, the old maps removed. Indexes are rebuilt from the documents
     * when their database opens (their definitions are documents too, in {@code system.indexes}).
     */
    private void migrateJavaSerializedMaps() {
        List<String> old = new ArrayList<>();
        for (String map : store.getMapNames()) {
            if (map.startsWith(OLD_DOCUMENTS) || map.startsWith("meta.") || map.contains("._index_")) {
                old.add(map);
            }
        }
        if (old.isEmpty()) {
            return;
        }
        for (String name : old) {
            if (name.startsWith(OLD_DOCUMENTS)) {
                MVMap<Object, de.bwaldvogel.mongo.bson.Document> from = store.openMap(name);
                MVMap<Object, byte[]> to = StoreDatabase.documents(store, name.substring(OLD_DOCUMENTS.length()));
                from.forEach((key, document) -> to.put(key, Bson.encode(document)));
                System.out.printf("store: %d documents of %s copied to BSON%n", from.size(), name);
            }
        }
        for (String name : old) {
            store.removeMap(name);
        }
        store.commit();
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new StoreDatabase(databaseName, store, getCursorRegistry(), stats);
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
            return stats.toDocument().append("fsync", groupCommit.fsync()).append("ok", 1.0);
        }
        long start = System.nanoTime();
        Document answer = READS.contains(name) && !writesOut(query)
                ? super.handleCommand(channel, databaseName, command, query)
                : groupCommit.write(() -> super.handleCommand(channel, databaseName, command, query));
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

    GroupCommit groupCommit() {
        return groupCommit;
    }

    MVStore mvStore() {
        return store;
    }

    /**
     * Rewrites the live pages of mostly dead chunks (every commit leaves the previous versions of its pages dead),
     * so the file stays near the size of the data; with no write half applied, like a commit.
     */
    private void compact() {
        try {
            if (store.isClosed()
                    || store.getFileStore() == null
                    || store.getFileStore().getChunksFillRate() >= 50) {
                return;
            }
            groupCommit.exclusively(() -> {
                store.compact(80, 16 * 1024 * 1024);
                store.commit();
            });
        } catch (RuntimeException e) {
            System.out.println("store: compaction failed, tried again later: " + e);
        }
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        super.close();
        if (!store.isClosed()) {
            store.close();
        }
    }
}
