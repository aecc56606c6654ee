package dev.ordersaga.localstack.store;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.Iterator;
import java.util.List;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/** An index kept in key order, so a query can read a range of it, either way round. */
interface OrderedIndex {

    List<IndexKey> getKeys();

    boolean isUnique();

    /**
     * The positions (document ids) of the entries from {@code from} to {@code to}, in index order or reversed; each
     * entry read counts as a key examined.
     */
    default Iterator<Object> positions(KeyValue from, KeyValue to, boolean reverse) {
        Cursor<KeyValue, ?> cursor = entries().cursor(from, to, reverse);
        StoreStats stats = stats();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return cursor.hasNext();
            }

            @Override
            public Object next() {
                KeyValue key = cursor.next();
                stats.keysExamined.increment();
                return position(key, cursor.getValue());
            }
        };
    }

    /** The position (document id) an entry of the B-tree stands for. */
    Object position(KeyValue key, Object value);

    /** The index's B-tree. */
    MVMap<KeyValue, ?> entries();

    /** Where the keys read are counted. */
    StoreStats stats();

    /** How many entries lie from {@code from} to {@code to} (bounds that are never stored), in O(log n). */
    default long count(KeyValue from, KeyValue to) {
        return rank(entries(), to) - rank(entries(), from);
    }

    /** The key {@code skip} entries after {@code from} in reading order, before {@code to}, found by rank; or null. */
    default KeyValue skipTo(KeyValue from, KeyValue to, boolean reverse, long skip) {
        MVMap<KeyValue, ?> map = entries();
        long index = reverse ? rank(map, from) - 1 - skip : rank(map, from) + skip;
        boolean inside = reverse ? index >= rank(map, to) : index < rank(map, to);
        return inside && index >= 0 ? map.getKey(index) : null;
    }

    /** Whether a document without the indexed fields has no entry. */
    boolean sparse();

    private static long rank(MVMap<KeyValue, ?> map, KeyValue bound) {
        long index = map.getKeyIndex(bound);
        return index < 0 ? -index - 1 : index;
    }

    /** The directions of an index's fields, as the key type wants them. */
    static boolean[] descending(List<IndexKey> keys) {
        boolean[] descending = new boolean[keys.size()];
        for (int i = 0; i < descending.length; i++) {
            descending[i] = !keys.get(i).isAscending();
        }
        return descending;
    }
}
