package dev.ordersaga.order.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.ordersaga.order.domain.Order;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The {@code open_sagas} collection of earlier versions, which kept the sweep's watch apart from
 * the orders (one entry per order not settled, with its {@code recheckAt}). A store that still has
 * it is upgraded once: every entry becomes its order's {@code recheckAt} (the earlier of the two if
 * the order has one already; an entry without an order is dropped), then the collection is
 * dropped. Without this, an order that was open at the upgrade would have no watch: never cancelled
 * at its deadline, its decision never published again.
 *
 * <p>Run by the first sweep of a process ({@link #foldOnce}), so a store that is away at the start
 * only delays it; running it twice (several instances) is harmless: {@code $min} keeps the earliest
 * look, and the sweep computes the right one at that look. Stop every instance of an older version
 * before starting this one: an older instance's replace writes an order without its
 * {@code recheckAt}.
 */
@Component
public class LegacyOpenSagas {

    static final String COLLECTION = "open_sagas";

    private static final Logger log = LoggerFactory.getLogger(LegacyOpenSagas.class);

    private final MongoTemplate mongo;
    private boolean folded;

    public LegacyOpenSagas(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * {@link #foldIntoOrders} until it succeeds once in this process, nothing afterwards (the sweep
     * calls this on every run). A failure is logged and tried again at the next run; it never keeps
     * the sweep from its work.
     */
    public synchronized void foldOnce() {
        if (folded) {
            return;
        }
        try {
            foldIntoOrders();
            folded = true;
        } catch (RuntimeException e) {
            log.warn("{} not folded into the orders yet ({}); tried again at the next sweep", COLLECTION, e.toString());
        }
    }

    /**
     * Folds the entries into their orders' {@code recheckAt} in one bulk write and drops the
     * collection; nothing if there is none.
     *
     * @return how many entries were folded
     */
    public int foldIntoOrders() {
        if (!mongo.collectionExists(COLLECTION)) {
            return 0;
        }
        List<Document> entries = mongo.findAll(Document.class, COLLECTION);
        if (!entries.isEmpty()) {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Order.class);
            for (Document entry : entries) {
                // an entry without a time is looked at by the next sweep, which sets the right one
                Object when = entry.get("recheckAt") instanceof Date at ? at : new Date(0);
                bulk.updateOne(query(where("_id").is(entry.get("_id"))), new Update().min("recheckAt", when));
            }
            bulk.execute();
        }
        mongo.dropCollection(COLLECTION);
        log.info(
                "{} entries of {} folded into the orders' recheckAt; the collection is dropped",
                entries.size(),
                COLLECTION);
        return entries.size();
    }
}
