package dev.ordersaga.localstack.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.h2.mvstore.MVMap;

/**
 * A non-unique index: one B-tree entry per document and key, the key followed by the document's id (so equal keys
 * are distinct entries, in id order). mongo-java-server keeps no such index at all; here {@link StoreCollection}'s
 * planner reads ranges of it. An array field gives one entry per element, as in MongoDB.
 */
final class SecondaryIndex extends Index<Object> implements OrderedIndex {

    private static final byte[] NOTHING = new byte[0];

    private final MVMap<KeyValue, byte[]> map;
    private final StoreStats stats;

    SecondaryIndex(MVMap<KeyValue, byte[]> map, String name, List<IndexKey> keys, boolean sparse, StoreStats stats) {
        super(name, keys, sparse);
        this.map = map;
        this.stats = stats;
    }

    private static KeyValue entry(KeyValue key, Object position) {
        List<Object> values = new ArrayList<>(key.size() + 1);
        key.forEach(values::add);
        values.add(position);
        return new KeyValue(values);
    }

    private boolean skips(Document document) {
        return isSparse() && keys().stream().noneMatch(document::containsKey);
    }

    @Override
    public Object getPosition(Document document) {
        return null; // not unique: the _id index says where a document is
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {}

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        if (skips(document)) {
            return;
        }
        for (KeyValue key : getKeyValues(document)) {
            map.put(entry(key, position), NOTHING);
        }
    }

    @Override
    public Object remove(Document document) {
        Object position = document.get("_id");
        if (skips(document)) {
            return null;
        }
        for (KeyValue key : getKeyValues(document)) {
            map.remove(entry(key, position));
        }
        return position;
    }

    @Override
    public boolean canHandle(Document query) {
        return false; // the store's planner uses it, not the library's
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("read through the planner");
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return map.sizeAsLong();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {}

    @Override
    public void updateInPlace(
            Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection) {
        Set<KeyValue> before = skips(oldDocument) ? Set.of() : getKeyValues(oldDocument);
        Set<KeyValue> after = skips(newDocument) ? Set.of() : getKeyValues(newDocument);
        if (Objects.equals(before, after)) {
            return;
        }
        for (KeyValue key : before) {
            if (!after.contains(key)) {
                map.remove(entry(key, position));
            }
        }
        for (KeyValue key : after) {
            if (!before.contains(key)) {
                map.put(entry(key, position), NOTHING);
            }
        }
    }

    @Override
    public void drop() {}

    @Override
    public boolean isUnique() {
        return false;
    }

    @Override
    public Object position(KeyValue key, Object value) {
        return key.get(key.size() - 1); // the key ends with the document's id
    }

    @Override
    public MVMap<KeyValue, ?> entries() {
        return map;
    }

    @Override
    public StoreStats stats() {
        return stats;
    }

    @Override
    public boolean sparse() {
        return isSparse();
    }
}
