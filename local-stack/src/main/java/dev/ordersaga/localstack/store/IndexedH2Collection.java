package dev.ordersaga.localstack.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.UUID;
import org.h2.mvstore.MVMap;

/**
 * An H2 collection that answers a query from a unique index when the query pins that index's keys by plain equality
 * and adds further conditions.
 *
 * <p>mongo-java-server uses an index only when the query names exactly the index's keys. Every conditional write of
 * the services ({@code {_id: …, version: 3}}, {@code {_id: …, status: {$in: […]}}}) names more, so each one scanned
 * and deserialized the whole collection while holding the collection's lock: with a few thousand orders a single
 * update took 200-400 ms and the saga queued behind it. Here the index finds the (at most one) candidate and the
 * whole query is then matched against it, which is the same answer.
 */
final class IndexedH2Collection extends H2Collection {

    IndexedH2Collection(
            MongoDatabase database,
            String collectionName,
            CollectionOptions options,
            MVMap<Object, Document> dataMap,
            MVMap<String, Object> metaMap,
            CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    @Override
    protected QueryResult queryDocuments(
            Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        for (Index<Object> index : getIndexes()) {
            Document pinned = pinnedKeys(query, index);
            if (pinned != null && pinned.size() < query.size() && index.canHandle(pinned)) {
                return matchDocuments(
                        query, index.getPositions(pinned), orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
        }
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /** The part of the query that gives each of the unique index's keys one plain value, or null if any key is not. */
    static Document pinnedKeys(Document query, Index<?> index) {
        if (!index.isUnique()) {
            return null;
        }
        Document pinned = new Document();
        for (IndexKey key : index.getKeys()) {
            Object value = query.get(key.getKey());
            if (!isPlainValue(value)) {
                return null;
            }
            pinned.put(key.getKey(), value);
        }
        return pinned;
    }

    /** Equality on a scalar; operators, arrays, regular expressions and null keep the library's own handling. */
    private static boolean isPlainValue(Object value) {
        return value instanceof String || value instanceof Number || value instanceof UUID || value instanceof ObjectId;
    }
}
