package dev.ordersaga.order.saga;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The sagas still open, by order id. An entry is written before its order is first stored (so no
 * stored order can miss one) and removed only once the order's outcome is on the broker (so a
 * decision that never got out is found again).
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
            mongo.insert(new OpenSaga(orderId, deadline, deadline));
        } catch (DuplicateKeyException alreadyOpen) {
            // A concurrent first event of the same order opened it: one entry is all it needs.
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
