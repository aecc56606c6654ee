package dev.ordersaga.localstack.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;

/**
 * A database of the store: each collection a B-tree of BSON documents ({@code docs.<db>.<collection>}), each index
 * a B-tree of its own ({@code idx.<db>.<collection>.<index>}), unique or not. A count ({@code countDocuments} sends
 * an aggregation: {@code $match} then {@code $group}) and any aggregation that starts with {@code $match} read
 * through the collection's indexes; mongo-java-server would run them over the whole collection.
 */
final class StoreDatabase extends AbstractSynchronizedMongoDatabase<Object> {

    static final String DOCUMENTS = "docs.";
    static final String INDEXES = "idx.";

    /** Stages that only transform what the $match passed on (no lookups into other collections, no writes). */
    private static final Set<String> PLAIN_STAGES =
            Set.of("$sort", "$skip", "$limit", "$project", "$group", "$count", "$addFields", "$set", "$unset");

    private static final Document COUNT_STAGE =
            new Document("$group", new Document("_id", 1).append("n", new Document("$sum", 1)));

    private final MVStore store;
    private final Journal journal;
    private final StoreStats stats;

    /** Whether the database is opening: its collections then build their indexes once all are declared. */
    private boolean opening;

    private final List<StoreCollection> openedCollections = new ArrayList<>();

    StoreDatabase(
            String databaseName, MVStore store, Journal journal, CursorRegistry cursorRegistry, StoreStats stats) {
        super(databaseName, cursorRegistry);
        this.store = store;
        this.journal = journal;
        this.stats = stats;
        opening = true;
        initializeNamespacesAndIndexes();
        opening = false;
        // the collections' indexes, declared while opening, are filled now: one pass per collection
        for (StoreCollection collection : openedCollections) {
            collection.buildRegisteredIndexes();
        }
        openedCollections.clear();
    }

    static MVMap<Object, byte[]> documents(MVStore store, String namespace) {
        return store.openMap(
                DOCUMENTS + namespace,
                new MVMap.Builder<Object, byte[]>().keyType(KeyType.ids()).valueType(ByteArrayDataType.INSTANCE));
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        StoreCollection collection = new StoreCollection(
                this,
                collectionName,
                options,
                documents(store, getFullCollectionNamespace(collectionName)),
                journal,
                cursorRegistry,
                stats,
                opening);
        if (opening) {
            openedCollections.add(collection);
        }
        return collection;
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(
            String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        MVMap<KeyValue, Object> map = store.openMap(
                indexMapName(collectionName, indexName),
                new MVMap.Builder<KeyValue, Object>()
                        .keyType(new KeyType(OrderedIndex.descending(keys)))
                        .valueType(KeyType.ids()));
        return new UniqueIndex(map, indexName, keys, sparse, stats);
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(
            String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        MVMap<KeyValue, byte[]> map = store.openMap(
                indexMapName(collectionName, indexName),
                new MVMap.Builder<KeyValue, byte[]>()
                        .keyType(new KeyType(OrderedIndex.descending(keys)))
                        .valueType(ByteArrayDataType.INSTANCE));
        return new SecondaryIndex(map, indexName, keys, sparse, stats);
    }

    private String indexMapName(String collectionName, String indexName) {
        return INDEXES + getFullCollectionNamespace(collectionName) + "." + indexName;
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        store.removeMap(indexMapName(collection.getCollectionName(), indexName));
    }

    @Override
    public void drop(Oplog oplog) {
        super.drop(oplog);
        for (String name : store.getMapNames()) {
            if (name.startsWith(DOCUMENTS + databaseName + ".")) {
                journal.drop(name.substring(DOCUMENTS.length()));
                store.removeMap(name);
            } else if (name.startsWith(INDEXES + databaseName + ".")) {
                store.removeMap(name);
            }
        }
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
        super.dropCollection(collectionName, oplog);
        String namespace = getFullCollectionNamespace(collectionName);
        journal.drop(namespace);
        store.removeMap(DOCUMENTS + namespace);
        for (String name : store.getMapNames()) {
            if (name.startsWith(INDEXES + namespace + ".")) {
                store.removeMap(name);
            }
        }
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        super.moveCollection(oldDatabase, collection, newCollectionName);
        String oldNamespace = collection.getFullName();
        String newNamespace = getFullCollectionNamespace(newCollectionName);
        journal.rename(oldNamespace, newNamespace);
        store.renameMap(documents(store, oldNamespace), DOCUMENTS + newNamespace);
        for (String name : store.getMapNames()) {
            if (name.startsWith(INDEXES + oldNamespace + ".")) {
                store.renameMap(
                        store.openMap(name),
                        INDEXES + newNamespace + name.substring((INDEXES + oldNamespace).length()));
            }
        }
    }

    @Override
    protected long getStorageSize() {
        return journal.diskBytes();
    }

    @Override
    protected long getFileSize() {
        return getStorageSize();
    }

    @Override
    public Document handleCommand(
            Channel channel, String command, Document query, DatabaseResolver databaseResolver, Oplog oplog) {
        if (command.equalsIgnoreCase("aggregate")) {
            Document answer = aggregateFromMatch(query, databaseResolver, oplog);
            if (answer != null) {
                return answer;
            }
        }
        return super.handleCommand(channel, command, query, databaseResolver, oplog);
    }

    /** An aggregation that starts with $match, read through the indexes; null: the library's own way. */
    private Document aggregateFromMatch(Document query, DatabaseResolver databaseResolver, Oplog oplog) {
        if (!(query.get("aggregate") instanceof String collectionName)
                || !(query.get("pipeline") instanceof List<?> stages)
                || stages.isEmpty()
                || !(stages.get(0) instanceof Document first)
                || first.size() != 1
                || !(first.get("$match") instanceof Document match)) {
            return null;
        }
        List<Document> rest = Aggregation.parse(stages.subList(1, stages.size()));
        for (Document stage : rest) {
            if (stage.size() != 1
                    || !PLAIN_STAGES.contains(stage.keySet().iterator().next())) {
                return null;
            }
        }
        MongoCollection<Object> collection = resolveCollection(collectionName, false);
        List<Document> result;
        if (collection == null) {
            result = List.of();
        } else if (rest.equals(List.of(COUNT_STAGE))) {
            int n = collection.count(match, 0, 0);
            result = n == 0 ? List.of() : List.of(new Document("_id", 1).append("n", n));
        } else {
            Aggregation aggregation = Aggregation.fromPipeline(rest, databaseResolver, this, collection, oplog);
            aggregation.validate(query);
            result = aggregation.runStages(collection.handleQueryAsStream(match));
        }
        Document cursor = new Document("firstBatch", result)
                .append("id", 0L)
                .append("ns", getFullCollectionNamespace(collectionName));
        return new Document("cursor", cursor).append("ok", 1.0);
    }
}
