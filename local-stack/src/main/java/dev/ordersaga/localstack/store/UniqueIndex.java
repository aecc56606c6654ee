package dev.ordersaga.localstack.store;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import java.util.List;
import java.util.Map.Entry;
import org.h2.mvstore.MVMap;

/** A unique index (the {@code _id} index too): key → the document's id, one B-tree of the store. */
final class UniqueIndex extends AbstractUniqueIndex<Object> implements OrderedIndex {

    private final MVMap<KeyValue, Object> map;
    private final StoreStats stats;

    UniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse, StoreStats stats) {
        super(name, keys, sparse);
        this.map = map;
        this.stats = stats;
    }

    @Override
    protected Object removeDocument(KeyValue keyValue) {
        return map.remove(keyValue);
    }

    @Override
    protected boolean putKeyPosition(KeyValue keyValue, Object position) {
        return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Entry<KeyValue, Object>> getIterable() {
        return map.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue keyValue) {
        stats.keysExamined.increment();
        return map.get(keyValue);
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
    public Object position(KeyValue key, Object value) {
        return value;
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
