package dev.ordersaga.order.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.order.domain.Order;
import dev.ordersaga.support.mongo.VersionedWrites;
import dev.ordersaga.support.web.Paging;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Orders in MongoDB. Every change is one conditional single-document write (there are no
 * transactions): a new order is an insert that a concurrent insert of the same id makes fail, a
 * change is a replace that only matches the version it was read at. A writer that loses re-reads
 * and applies its event again.
 *
 * <p>The sweep's watch is a field of the order ({@code recheckAt}, set by the domain at every
 * change), so it is written with the order, never apart from it. The sweep itself only moves or
 * clears that one field ({@link #recheckAt}, {@link #closeWatch}), and only on the version it
 * read: a writer that changed the order meanwhile wrote the field the domain computed for the new
 * state, and that one stands.
 */
@Component
public class OrderStore {

    private static final List<OrderStatus> NOT_TERMINAL =
            Arrays.stream(OrderStatus.values()).filter(s -> !s.terminal()).toList();

    /** The sweep's next look at an order ({@code Order.recheckAt}): absent once nothing is left to look at. */
    private static final String RECHECK_AT = "recheckAt";

    private final MongoTemplate mongo;

    public OrderStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The stored orders among these ids, in one query. */
    public Map<String, Order> findAll(Collection<String> ids) {
        Map<String, Order> found = new HashMap<>();
        for (Order order : mongo.find(query(where("_id").in(ids)), Order.class)) {
            found.put(order.id(), order);
        }
        return found;
    }

    /**
     * Writes many orders in one unordered bulk write, each guarded like {@link #insert} and {@link
     * #replace}: a new order only if its id is free, a changed one only at the version it was read.
     *
     * @return the ids of the orders another writer changed first (not written)
     */
    public Set<String> storeAll(Collection<Order> orders) {
        orders.forEach(Order::advanceVersion);
        return VersionedWrites.storeAll(mongo, Order.class, orders, Order::id, Order::version);
    }

    public Optional<Order> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Order.class));
    }

    /** Stores a new order; false if another writer created it first. */
    public boolean insert(Order order) {
        try {
            mongo.insert(order);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * Writes a changed order if nobody changed it since it was read at {@code readVersion}. A
     * decision (the order became terminal) also requires the stored status to be non-terminal, so
     * two deciders can never both win.
     *
     * @return false if another writer got there first
     */
    public boolean replace(Order order, long readVersion, boolean decision) {
        Criteria criteria = where("_id").is(order.id()).and("version").is(readVersion);
        if (decision) {
            criteria = criteria.and("status").in(NOT_TERMINAL);
        }
        return replace(order, criteria);
    }

    /** Writes an order the sweep cancelled, if it is still undecided and still past its deadline. */
    public boolean replaceIfOverdue(Order order, long readVersion, Instant now) {
        return replace(
                order,
                where("_id")
                        .is(order.id())
                        .and("version")
                        .is(readVersion)
                        .and("status")
                        .in(NOT_TERMINAL)
                        .and("deadline")
                        .lt(now));
    }

    private boolean replace(Order order, Criteria criteria) {
        order.advanceVersion();
        return mongo.replace(query(criteria), order).getMatchedCount() == 1;
    }

    /**
     * The orders the sweep should look at now ({@code recheckAt} passed), the longest waiting first:
     * a range read of the sparse {@code recheck} index, where a settled order (no {@code recheckAt})
     * has no entry, so the read does not grow with the history.
     */
    public List<Order> due(Instant now, int limit) {
        return mongo.find(
                query(where(RECHECK_AT).lt(now)).with(Sort.by(RECHECK_AT)).limit(limit), Order.class);
    }

    /**
     * Moves the sweep's next look at the order to {@code when}, if the order is still at the version
     * the sweep read (the version is not advanced: the saga's writer, which may hold the order in
     * memory, is not made to reload it for this).
     *
     * @return false if the order changed meanwhile: its write set the look its new state needs
     */
    public boolean recheckAt(Order read, Instant when) {
        return mongo.updateFirst(atVersion(read), Update.update(RECHECK_AT, when), Order.class)
                        .getMatchedCount()
                == 1;
    }

    /**
     * The order is settled: nothing is left to watch ({@code recheckAt} removed, so it leaves the
     * index), if it is still at the version the sweep read. A write meanwhile may have unsettled it
     * (a late capture to refund); then its own {@code recheckAt} stands.
     *
     * @return false if the order changed meanwhile
     */
    public boolean closeWatch(Order read) {
        return mongo.updateFirst(atVersion(read), new Update().unset(RECHECK_AT), Order.class)
                        .getMatchedCount()
                == 1;
    }

    private static Query atVersion(Order read) {
        return query(where("_id").is(read.id()).and("version").is(read.version()));
    }

    /**
     * One page of requested orders (placeholders are not orders yet), newest first.
     *
     * @param customerId only this customer's orders, or all if null
     * @param status only orders in this status, or all if null
     */
    public OrderSlice page(String customerId, OrderStatus status, Paging paging) {
        Criteria criteria = where("facts.requested").is(true);
        if (customerId != null) {
            criteria = criteria.and("customerId").is(customerId);
        }
        if (status != null) {
            criteria = criteria.and("status").is(status);
        }
        long total = mongo.count(query(criteria), Order.class);
        Query query =
                query(criteria).with(paging.pageable(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("_id"))));
        return new OrderSlice(mongo.find(query, Order.class), total);
    }

    /** Orders of one page and how many match in all. */
    public record OrderSlice(List<Order> orders, long total) {}
}
