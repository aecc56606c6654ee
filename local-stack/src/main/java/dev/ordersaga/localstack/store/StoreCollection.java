package dev.ordersaga.localstack.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentComparator;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import de.bwaldvogel.mongo.exception.IndexBuildFailedException;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.h2.mvstore.MVMap;

/**
 * A collection: its documents as BSON in one B-tree by {@code _id}, its indexes in B-trees of their own, and queries
 * answered through {@link QueryPlanner} (an index range, read in the requested order when it can be, stopping at
 * the page's end) instead of mongo-java-server's rule (an index only when the query names exactly its fields).
 */
final class StoreCollection extends AbstractSynchronizedMongoCollection<Object> {

    private final MVMap<Object, byte[]> documents;
    private final Journal journal;
    private final String namespace;
    private final StoreStats stats;

    /**
     * While its database opens, the indexes declared for this collection are only registered, and {@link
     * #buildRegisteredIndexes} then fills them all in one pass: the library fills each index on its own, reading and
     * decoding every document twice per index (ten times for the orders and their five indexes), which made most of a
     * start on a long history.
     */
    private boolean registeringIndexes;

    /** True only within {@link #addIndex} while registering: the library then sees no documents to index. */
    private boolean hidingDocuments;

    private final List<Index<Object>> registered = new ArrayList<>();

    StoreCollection(
            MongoDatabase database,
            String collectionName,
            CollectionOptions options,
            MVMap<Object, byte[]> documents,
            Journal journal,
            CursorRegistry cursorRegistry,
            StoreStats stats,
            boolean registerIndexes) {
        super(database, collectionName, options, cursorRegistry);
        this.documents = documents;
        this.journal = journal;
        this.namespace = getFullName();
        this.stats = stats;
        this.registeringIndexes = registerIndexes;
    }

    @Override
    public synchronized void addIndex(Index<Object> index) {
        if (!registeringIndexes || !index.isEmpty()) {
            super.addIndex(index);
            return;
        }
        hidingDocuments = true;
        try {
            super.addIndex(index);
        } finally {
            hidingDocuments = false;
        }
        // an index of that name was there already: the library kept it and dropped this one
        if (getIndexes().contains(index)) {
            registered.add(index);
        }
    }

    /** A query while the database still opens (none is known to come) reads complete indexes: they are built first. */
    private void indexesBuiltBeforeUse() {
        if (!registered.isEmpty()) {
            buildRegisteredIndexes();
        }
    }

    /**
     * Fills every index registered while the database opened, in one pass: each document is decoded once and
     * offered to every index (a unique index refusing a duplicate fails the start, as the library's own build would).
     */
    synchronized void buildRegisteredIndexes() {
        registeringIndexes = false;
        if (registered.isEmpty()) {
            return;
        }
        try {
            streamAllDocumentsWithPosition().forEach(entry -> {
                for (Index<Object> index : registered) {
                    index.checkAdd(entry.getDocument(), this);
                    index.add(entry.getDocument(), entry.getPosition(), this);
                }
            });
        } catch (MongoServerError e) {
            throw new IndexBuildFailedException(e, this);
        }
        registered.clear();
    }

    @Override
    protected QueryResult queryDocuments(
            Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        indexesBuiltBeforeUse();
        QueryPlanner.Plan plan = QueryPlanner.choose(getIndexes(), query, orderBy, numberToSkip, limit);
        boolean onlyIds = fieldSelector != null
                && fieldSelector.size() == 1
                && Utils.isTrue(fieldSelector.get(getIdField()))
                && (orderBy == null || orderBy.isEmpty());
        boolean countable = plan != null && plan.covered() && onlyIds;
        if (plan == null || (!plan.ordered() && !countable && plan.cost() >= count())) {
            return matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        // the index alone decides which entries match, one entry per document: a page skips entries, not documents
        int skipInIndex = plan.ordered() && exact(plan) ? numberToSkip : 0;
        Stream<Object> positions = positions(plan, skipInIndex);
        int skip = numberToSkip - skipInIndex;
        if (countable) {
            // a count: the index decides every condition, no document needs reading
            Stream<Document> ids = positions.map(position -> new Document(getIdField(), position));
            if (skip > 0) {
                ids = ids.skip(skip);
            }
            if (limit > 0) {
                ids = ids.limit(limit);
            }
            return createQueryResult(ids.toList(), batchSize);
        }
        Stream<Document> read = positions.map(this::getDocument).filter(java.util.Objects::nonNull);
        if (plan.ordered()) {
            // already in the requested order: the stream stops once skip + limit documents matched
            return matchDocumentsFromStream(query, read, skip, limit, batchSize, null, fieldSelector);
        }
        return matchDocumentsFromStream(read, query, orderBy, skip, limit, batchSize, fieldSelector);
    }

    /**
     * Whether the plan's entries are exactly the matching documents, each once: one range, every condition pinned,
     * and one entry per document (a document with an array field has several; a sparse index may leave some out).
     */
    private boolean exact(QueryPlanner.Plan plan) {
        return plan.covered()
                && plan.ranges().size() == 1
                && !plan.index().sparse()
                && plan.index().entries().sizeAsLong() == documents.sizeAsLong();
    }

    /**
     * A count the index answers by itself (every condition an equality on its fields) in O(log n), from the ranks of
     * the range's ends, reading neither documents nor entries: the admin's order list counts all orders per page.
     */
    @Override
    public int count(Document query, int skip, int limit) {
        if (query != null && !query.isEmpty()) {
            indexesBuiltBeforeUse();
            QueryPlanner.Plan plan = QueryPlanner.choose(getIndexes(), query, null, skip, limit);
            if (plan != null && exact(plan)) {
                KeyValue[] range = plan.ranges().get(0);
                long n = plan.reverse()
                        ? plan.index().count(range[1], range[0])
                        : plan.index().count(range[0], range[1]);
                n = Math.max(0, n - Math.max(skip, 0));
                return (int) (limit > 0 ? Math.min(limit, n) : n);
            }
        }
        return super.count(query, skip, limit);
    }

    /** The documents' ids the plan reads, each once, lazily; the first {@code skip} entries of its one range not. */
    private static Stream<Object> positions(QueryPlanner.Plan plan, long skip) {
        Iterator<KeyValue[]> ranges = plan.ranges().iterator();
        Iterator<Object> all = new Iterator<>() {
            private Iterator<Object> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && ranges.hasNext()) {
                    KeyValue[] range = ranges.next();
                    KeyValue from =
                            skip == 0 ? range[0] : plan.index().skipTo(range[0], range[1], plan.reverse(), skip);
                    current = from == null
                            ? java.util.Collections.emptyIterator()
                            : plan.index().positions(from, range[1], plan.reverse());
                }
                return current.hasNext();
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
        Stream<Object> stream =
                StreamSupport.stream(Spliterators.spliteratorUnknownSize(all, Spliterator.ORDERED), false);
        if (plan.index().isUnique() && plan.ranges().size() == 1) {
            return stream;
        }
        Set<Object> seen = new HashSet<>();
        return stream.filter(seen::add);
    }

    @Override
    protected QueryResult matchDocuments(
            Document query, Document orderBy, int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        Stream<Document> all = streamAllDocumentsWithPosition().map(DocumentWithPosition::getDocument);
        if (orderBy != null && !orderBy.isEmpty() && !orderBy.containsKey("$natural")) {
            return matchDocumentsFromStream(
                    query, all, numberToSkip, limit, batchSize, new DocumentComparator(orderBy), fieldSelector);
        }
        return matchDocumentsFromStream(query, all, numberToSkip, limit, batchSize, null, fieldSelector);
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        Object key = Missing.ofNullable(
                getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID());
        byte[] bytes = Bson.encode(document);
        if (documents.putIfAbsent(key, bytes) != null) {
            throw new DuplicateKeyError(getFullName(), "duplicate _id " + key);
        }
        journal.put(namespace, key, bytes);
        return key;
    }

    @Override
    public int count() {
        return documents.size();
    }

    @Override
    public boolean isEmpty() {
        return documents.isEmpty();
    }

    @Override
    protected Document getDocument(Object position) {
        byte[] bytes = documents.get(position);
        if (bytes == null) {
            return null;
        }
        stats.documentsExamined.increment();
        return Bson.decode(bytes);
    }

    @Override
    protected void removeDocument(Object position) {
        if (documents.remove(position) == null) {
            throw new NoSuchElementException("No document with key " + position);
        }
        journal.delete(namespace, position);
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        if (hidingDocuments) {
            return Stream.empty();
        }
        return documents.entrySet().stream().map(entry -> {
            stats.documentsExamined.increment();
            return new DocumentWithPosition<>(Bson.decode(entry.getValue()), entry.getKey());
        });
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        Object key = Missing.ofNullable(position);
        byte[] bytes = Bson.encode(newDocument);
        documents.put(key, bytes);
        journal.put(namespace, key, bytes);
    }

    /** The size is not kept: keeping it cost a write of its own per write (and an encoding to measure it). */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected void updateDataSize(int sizeDelta) {}

    @Override
    protected int getDataSize() {
        return 0;
    }
}
