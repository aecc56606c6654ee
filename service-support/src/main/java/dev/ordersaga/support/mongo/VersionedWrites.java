package dev.ordersaga.support.mongo;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.bson.Document;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Many aggregates written in one unordered bulk write, each guarded by its version (the store has
 * no transactions): version 1 is an insert that fails if the id (or another unique key) is taken,
 * version n a replace that matches only version n-1. A lost insert is named by its write error;
 * the bulk result only counts the replaces' matches, so when that count falls short one query of
 * the {@code write_id} each write stamps on its documents tells which replaces lost. An insert-only aggregate needs no version field.
 */
public final class VersionedWrites {

    private static final int DUPLICATE_KEY = 11000;
    private static final String WRITE_ID = "write_id";

    private VersionedWrites() {}

    /**
     * @param entities aggregates whose version the caller has already advanced for this write
     * @param idOf the document id ({@code _id})
     * @param versionOf the new version (stored in the field {@code version})
     * @return the ids of the aggregates another writer changed first: not written
     */
    public static <T> Set<String> storeAll(
            MongoTemplate mongo,
            Class<T> type,
            Collection<T> entities,
            Function<T, String> idOf,
            ToLongFunction<T> versionOf) {
        if (entities.isEmpty()) {
            return Set.of();
        }
        // Two writers can produce the same version number (each advances what it read); the
        // write id tells whose write a document holds.
        String writeId = UUID.randomUUID().toString();
        List<String> order = new ArrayList<>();
        Map<String, Long> replaced = new LinkedHashMap<>();
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type);
        for (T entity : entities) {
            String id = idOf.apply(entity);
            long version = versionOf.applyAsLong(entity);
            order.add(id);
            Document document = new Document();
            mongo.getConverter().write(entity, document);
            document.put(WRITE_ID, writeId);
            if (version == 1) {
                bulk.insert(document);
            } else {
                replaced.put(id, version);
                bulk.replaceOne(query(where("_id").is(id).and("version").is(version - 1)), document);
            }
        }
        Set<String> stale = new LinkedHashSet<>();
        int matched;
        try {
            matched = bulk.execute().getMatchedCount();
        } catch (BulkOperationException e) {
            for (var error : e.getErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                // an insert (or a replace that would duplicate a unique key) lost to another writer
                stale.add(order.get(error.getIndex()));
            }
            matched = e.getResult().getMatchedCount();
        }
        long replacesLeft =
                replaced.keySet().stream().filter(id -> !stale.contains(id)).count();
        if (matched < replacesLeft) {
            // The count says some replaces matched nothing; the stored versions say which.
            Set<String> lost = new LinkedHashSet<>(replaced.keySet());
            lost.removeAll(stale);
            Query written = query(where("_id").in(lost));
            written.fields().include(WRITE_ID);
            for (Document stored : mongo.find(written, Document.class, mongo.getCollectionName(type))) {
                if (writeId.equals(stored.get(WRITE_ID))) {
                    lost.remove(String.valueOf(stored.get("_id")));
                }
            }
            stale.addAll(lost);
        }
        return stale;
    }
}
