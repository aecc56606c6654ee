package dev.ordersaga.localstack.store;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.Iterator;
import java.util.List;
import org.h2.mvstore.MVMap;

/** An index kept in key order, so a query can read a range of it, either way round. */
interface OrderedIndex {

    List<IndexKey> getKeys();

    boolean isUnique();

    /** The positions (document ids) of the entries from {@code from} to {@code to}, in index order or reversed. */
    Iterator<Object> positions(KeyValue from, KeyValue to, boolean reverse);

    /** How many entries lie from {@code from} to {@code to} (bounds that are never stored), in O(log n). */
    long count(KeyValue from, KeyValue to);

    /** The key {@code skip} entries after {@code from} in reading order, before {@code to}; null if none. */
    KeyValue skipTo(KeyValue from, KeyValue to, boolean reverse, long skip);

    /**
     * Whether a document ever had more than one entry (an array field): then an entry is not a document, and
     * counting or skipping entries is not counting or skipping documents.
     */
    boolean multikey();

    /** Entries of a B-tree between two bounds that are never stored: the difference of their ranks. */
    static long entriesBetween(MVMap<KeyValue, ?> map, KeyValue from, KeyValue to) {
        return rank(map, to) - rank(map, from);
    }

    /** The key {@code skip} entries into the range in reading order, found by rank in O(log n); null if none. */
    static KeyValue keyAfter(MVMap<KeyValue, ?> map, KeyValue from, KeyValue to, boolean reverse, long skip) {
        long index = reverse ? rank(map, from) - 1 - skip : rank(map, from) + skip;
        boolean inside = reverse ? index >= rank(map, to) : index < rank(map, to);
        return inside && index >= 0 ? map.getKey(index) : null;
    }

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
