package dev.ordersaga.payment.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.ordersaga.payment.domain.Payment;
import dev.ordersaga.payment.domain.PaymentStatus;
import dev.ordersaga.support.mongo.VersionedWrites;
import dev.ordersaga.support.web.Paging;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Persistence of payments on single-document atomic operations (no transactions): the unique
 * index on {@code order_id} decides which first write for an order wins, and every later change
 * is an update conditioned on the status the aggregate moved from.
 */
@Component
public class PaymentStore {

    /** Oldest first, so paging while new payments arrive never shifts the pages already read. */
    private static final Sort LIST_ORDER = Sort.by("createdAt", "id");

    private final MongoTemplate mongo;

    PaymentStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The payments of these orders, by order id, in one query (on the unique index of {@code order_id}). */
    public Map<String, Payment> findByOrderIds(Collection<String> orderIds) {
        Map<String, Payment> found = new HashMap<>();
        mongo.find(query(where("orderId").in(orderIds)), Payment.class)
                .forEach(payment -> found.put(payment.orderId(), payment));
        return found;
    }

    /**
     * Writes many records in one bulk write, each guarded by its version: a new record only if its
     * order has none (the unique index), a changed one only at the version it was read.
     *
     * @return the order ids whose record another writer changed first (not written)
     */
    public Set<String> storeAll(Collection<Payment> payments) {
        payments.forEach(Payment::advanceVersion);
        Map<String, String> orderOf = new HashMap<>();
        payments.forEach(payment -> orderOf.put(payment.id(), payment.orderId()));
        Set<String> stale = new LinkedHashSet<>();
        VersionedWrites.storeAll(mongo, Payment.class, payments, Payment::id, Payment::version)
                .forEach(id -> stale.add(orderOf.get(id)));
        return stale;
    }

    public Optional<Payment> findByOrderId(String orderId) {
        return Optional.ofNullable(mongo.findOne(query(where("orderId").is(orderId)), Payment.class));
    }

    public Optional<Payment> findById(String id) {
        return Optional.ofNullable(mongo.findById(id, Payment.class));
    }

    /** One page of payments, optionally only those in one status. */
    public Page<Payment> page(PaymentStatus status, Paging paging) {
        Criteria criteria = status == null ? new Criteria() : where("status").is(status);
        long total = mongo.count(query(criteria), Payment.class);
        Pageable request = paging.pageable(LIST_ORDER);
        List<Payment> content = mongo.find(Query.query(criteria).with(request), Payment.class);
        return new PageImpl<>(content, request, total);
    }
}
