package dev.ordersaga.localstack.store;

import de.bwaldvogel.mongo.bson.Document;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the store did, since it started: read with the {@code storeStatus} command, so a test or an operator can see
 * that a query was answered from an index (few documents examined) and that writes shared their commits.
 */
final class StoreStats {

    final LongAdder documentsExamined = new LongAdder();
    final LongAdder keysExamined = new LongAdder();
    final LongAdder writes = new LongAdder();
    final LongAdder commits = new LongAdder();
    final LongAdder syncs = new LongAdder();

    Document toDocument() {
        return new Document("documentsExamined", documentsExamined.sum())
                .append("keysExamined", keysExamined.sum())
                .append("writes", writes.sum())
                .append("commits", commits.sum())
                .append("syncs", syncs.sum());
    }
}
