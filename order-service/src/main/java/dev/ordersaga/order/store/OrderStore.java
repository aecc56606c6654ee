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
import org.springframework.stereotype.Component;

/**
 * Orders in MongoDB. Every change is one conditional single-document write (there are no
 * transactions): a new order is an insert that a concurrent insert of the same id makes fail, a
 * change is a replace that only matches the version it was read at. A writer that loses re-reads
 * and applies its event again.
 */
@Component
public class OrderStore {

    private static final List<OrderStatus> NOT_TERMINAL =
            Arrays.stream(OrderStatus.values()).filter(s -> !s.terminal()).toList();

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
