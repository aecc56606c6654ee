package dev.ordersaga.inventory.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.ordersaga.inventory.domain.Product;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Every stock move is ONE conditional single-document update, so no interleaving of threads or
 * instances can take {@code available} below zero, and no move can happen twice.
 *
 * <p>A reservation's moves are tied to the order id in {@code applied_reservations}: holding adds it
 * (only if absent), giving back and committing remove it (only if present). The counter change and
 * its record are in the same document, so they happen together or not at all; a redelivered event
 * that repeats a move finds the condition false and changes nothing.
 */
@Component
public class ProductStock {

    private static final String ID = "id";
    private static final String ACTIVE = "active";
    private static final String AVAILABLE = "stock.available";
    private static final String RESERVED = "stock.reserved";
    private static final String SOLD = "stock.sold";
    private static final String RECEIVED = "received";
    private static final String HOLDS = Product.APPLIED_RESERVATIONS;

    private final MongoTemplate mongo;

    public ProductStock(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Holds {@code quantity} units for the order if the product is active, has them available and does
     * not hold any for this order yet. Returns the product after the move (its price is the one the
     * order pays, read in the same round trip), without its list of holders; empty if nothing moved.
     */
    public Optional<Product> hold(String productId, String orderId, long quantity) {
        Query query = Query.query(where(ID)
                .is(productId)
                .and(ACTIVE)
                .is(true)
                .and(AVAILABLE)
                .gte(quantity)
                .and(HOLDS)
                .ne(orderId));
        query.fields().exclude(HOLDS);
        Update update =
                new Update().inc(AVAILABLE, -quantity).inc(RESERVED, quantity).addToSet(HOLDS, orderId);
        return Optional.ofNullable(mongo.findAndModify(
                query, update, FindAndModifyOptions.options().returnNew(true), Product.class));
    }

    /** Puts held units back to available; false if this order holds nothing of the product (already given back). */
    public boolean giveBack(String productId, String orderId, long quantity) {
        Update update =
                new Update().inc(AVAILABLE, quantity).inc(RESERVED, -quantity).pull(HOLDS, orderId);
        return mongo.updateFirst(heldBy(productId, orderId), update, Product.class)
                        .getModifiedCount()
                == 1;
    }

    /** Turns held units into sold ones; false if this order holds nothing of the product (already committed). */
    public boolean sell(String productId, String orderId, long quantity) {
        Update update =
                new Update().inc(RESERVED, -quantity).inc(SOLD, quantity).pull(HOLDS, orderId);
        return mongo.updateFirst(heldBy(productId, orderId), update, Product.class)
                        .getModifiedCount()
                == 1;
    }

    /** True if the order's hold on the product is in place (its stock move happened). */
    public boolean isHeldFor(String productId, String orderId) {
        return mongo.exists(heldBy(productId, orderId), Product.class);
    }

    /**
     * Adds a signed delta to {@code available} and to {@code received}, never taking {@code available}
     * below zero. Empty if the product is missing or has too little available.
     */
    public Optional<Product> adjust(String productId, long delta, Instant now) {
        var criteria = where(ID).is(productId);
        if (delta < 0) {
            criteria = criteria.and(AVAILABLE).gte(-delta);
        }
        Query query = Query.query(criteria);
        query.fields().exclude(HOLDS);
        Update update = new Update().inc(AVAILABLE, delta).inc(RECEIVED, delta).set("updated_at", now);
        return Optional.ofNullable(mongo.findAndModify(
                query, update, FindAndModifyOptions.options().returnNew(true), Product.class));
    }

    /** The products with these ids, without their holders (which can be many for a popular product). */
    public List<Product> find(Collection<String> productIds) {
        Query query = Query.query(where(ID).in(productIds));
        query.fields().exclude(HOLDS);
        return mongo.find(query, Product.class);
    }

    private static Query heldBy(String productId, String orderId) {
        return Query.query(where(ID).is(productId).and(HOLDS).is(orderId));
    }
}
