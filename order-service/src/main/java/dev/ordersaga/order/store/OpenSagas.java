package dev.ordersaga.order.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.ordersaga.order.domain.Order;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The sagas still open, by order id. An entry is written before its order is first stored (so no
 * stored order can miss one) and removed only once the order is settled: decided, and the decision
 * acknowledged by every participant that held something for it (so a decision or a compensation
 * that got lost is published again).
 */
@Component
public class OpenSagas {

    private final MongoTemplate mongo;

    public OpenSagas(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Opens the saga of a new order; opening it twice keeps the first entry. */
    public void open(String orderId, Instant deadline) {
        try {
            mongo.insert(new OpenSaga(orderId, deadline, deadline, null));
        } catch (DuplicateKeyException alreadyOpen) {
            // A concurrent first event of the same order opened it: one entry is all it needs.
        }
    }

    /**
     * Brings the open sagas in line with many orders at once, in one bulk write: the orders to
     * watch are upserted (due at their deadline, or, once decided, when their decision should be
     * published again), the settled ones removed.
     */
    public void reconcile(Map<Order, Order.Watch> changes, Duration republishAfter) {
        BulkOperations bulk = null;
        for (var change : changes.entrySet()) {
            Order order = change.getKey();
            if (change.getValue() == Order.Watch.NONE) {
                continue;
            }
            if (bulk == null) {
                bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, OpenSaga.class);
            }
            var byId = query(where("_id").is(order.id()));
            if (change.getValue() == Order.Watch.OPEN) {
                Instant recheck = order.isTerminal() ? order.decidedAt().plus(republishAfter) : order.deadline();
                bulk.upsert(
                        byId,
                        new Update()
                                .set("deadline", order.deadline())
                                .set("recheckAt", recheck)
                                .set("traceparent", order.traceparent()));
            } else {
                bulk.remove(byId);
            }
        }
        if (bulk != null) {
            bulk.execute();
        }
    }

    public boolean isOpen(String orderId) {
        return mongo.exists(query(where("_id").is(orderId)), OpenSaga.class);
    }

    /** The sagas to look at now, the longest waiting first. */
    public List<OpenSaga> due(Instant now, int limit) {
        return mongo.find(
                query(where("recheckAt").lt(now)).with(Sort.by("recheckAt")).limit(limit), OpenSaga.class);
    }

    public void recheckAt(String orderId, Instant when) {
        mongo.updateFirst(query(where("_id").is(orderId)), Update.update("recheckAt", when), OpenSaga.class);
    }

    /** The order's outcome is on the broker: nothing is left to watch. */
    public void close(String orderId) {
        mongo.remove(query(where("_id").is(orderId)), OpenSaga.class);
    }
}
