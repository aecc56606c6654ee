package dev.ordersaga.inventory.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.ordersaga.inventory.domain.Product;
import dev.ordersaga.inventory.domain.StockMove;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.types.Decimal128;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Every stock move is a conditional single-document update, so no interleaving of threads or
 * instances can take {@code available} below zero, and no move can happen twice.
 *
 * <p>A reservation's moves are tied to the order id in {@code applied_reservations}: holding adds it
 * (only if absent), giving back and selling remove it (only if present). The counter change and
 * its record are in the same document, so they happen together or not at all; a step repeated after
 * a crash reads the holders and does not ask for a move again.
 */
@Component
public class ProductStock {

    private static final String ID = "id";
    private static final String ACTIVE = "active";
    private static final String AVAILABLE = "stock.available";
    private static final String RESERVED = "stock.reserved";
    private static final String SOLD = "stock.sold";
    private static final String RECEIVED = "received";
    private static final String HOLDS = Product.HOLDERS;

    private final MongoTemplate mongo;

    public ProductStock(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Writes a batch's stock moves in one unordered bulk write, per product one update for the orders
     * that take units (guarded: none of them holds it yet, enough is available, it is still active
     * and asks the price they pay) and one for the orders that hold it and give back or buy (guarded:
     * every one of them still holds it). The counters and the holders change in the same update.
     *
     * @return the orders whose update was refused while the product's holders do not say what it
     *     wanted (a refused move that someone already made, a repeated one, is not stale): nothing of
     *     theirs moved on that product, they are to be decided again
     */
    public Set<String> move(Collection<StockMove> moves) {
        Map<List<Object>, List<StockMove>> updates = new LinkedHashMap<>();
        moves.forEach(move -> updates.computeIfAbsent(
                        Arrays.asList(move.productId(), move.heldBefore(), move.price()), k -> new ArrayList<>())
                .add(move));
        if (updates.isEmpty()) {
            return Set.of();
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Product.class);
        // Give-backs first: a hold of the same batch may need the units another order gives back.
        updates.values().stream()
                .sorted(Comparator.comparing(update -> !update.getFirst().heldBefore()))
                .forEach(update -> bulk.updateOne(guard(update), change(update)));
        if (bulk.execute().getMatchedCount() == updates.size()) {
            return Set.of();
        }
        // Some guard was refused; the holders say which updates were made.
        Map<String, Set<String>> holders = new HashMap<>();
        findWithHolders(moves.stream().map(StockMove::productId).distinct().toList())
                .forEach(product -> holders.put(product.id(), product.appliedReservations()));
        Set<String> refused = new LinkedHashSet<>();
        for (List<StockMove> update : updates.values()) {
            boolean made = update.stream()
                    .allMatch(move ->
                            holders.getOrDefault(move.productId(), Set.of()).contains(move.orderId())
                                    == move.heldAfter());
            if (!made) {
                update.forEach(move -> refused.add(move.orderId()));
            }
        }
        return refused;
    }

    private static Query guard(List<StockMove> moves) {
        StockMove first = moves.getFirst();
        List<String> orders = moves.stream().map(StockMove::orderId).toList();
        Criteria criteria = where(ID).is(first.productId());
        criteria = first.heldBefore()
                ? criteria.and(HOLDS).all(orders)
                : criteria.and(HOLDS).nin(orders);
        long taken = -moves.stream().mapToLong(StockMove::available).sum();
        if (taken > 0) {
            criteria = criteria.and(AVAILABLE).gte(taken);
        }
        if (moves.stream().anyMatch(StockMove::takes)) {
            criteria = criteria.and(ACTIVE)
                    .is(true)
                    .and("price.amount")
                    .is(new Decimal128(first.price().amount()))
                    .and("price.currency")
                    .is(first.price().currency());
        }
        return Query.query(criteria);
    }

    private static Update change(List<StockMove> moves) {
        Update update = new Update()
                .inc(AVAILABLE, moves.stream().mapToLong(StockMove::available).sum())
                .inc(RESERVED, moves.stream().mapToLong(StockMove::reserved).sum())
                .inc(SOLD, moves.stream().mapToLong(StockMove::sold).sum());
        Object[] added = moves.stream()
                .filter(StockMove::heldAfter)
                .map(StockMove::orderId)
                .toArray();
        Object[] removed = moves.stream()
                .filter(move -> !move.heldAfter())
                .map(StockMove::orderId)
                .toArray();
        if (added.length > 0) {
            update.addToSet(HOLDS).each(added);
        }
        if (removed.length > 0) {
            update.pullAll(HOLDS, removed);
        }
        return update;
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
        // a projection names the field: by its property, findAndModify would return the holders
        query.fields().exclude(Product.APPLIED_RESERVATIONS);
        Update update = new Update().inc(AVAILABLE, delta).inc(RECEIVED, delta).set("updated_at", now);
        return Optional.ofNullable(mongo.findAndModify(
                query, update, FindAndModifyOptions.options().returnNew(true), Product.class));
    }

    /** The products with these ids and the orders holding each: what a batch of reservation steps decides on. */
    public List<Product> findWithHolders(Collection<String> productIds) {
        return mongo.find(Query.query(where(ID).in(productIds)), Product.class);
    }
}
