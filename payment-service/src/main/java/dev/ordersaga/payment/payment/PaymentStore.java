package dev.ordersaga.payment.payment;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
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

    /**
     * Stores a new record for its order, or, if the order already has one, returns that one
     * instead. One round trip in the common case (first sight of the order).
     */
    public Payment insertOrGetExisting(Payment payment) {
        try {
            return mongo.insert(payment);
        } catch (DuplicateKeyException alreadyThere) {
            return findByOrderId(payment.orderId())
                    .orElseThrow(() -> new IllegalStateException(
                            "duplicate key for order " + payment.orderId() + " but no record found", alreadyThere));
        }
    }

    public Optional<Payment> findByOrderId(String orderId) {
        return Optional.ofNullable(mongo.findOne(query(where("orderId").is(orderId)), Payment.class));
    }

    public Optional<Payment> findById(String id) {
        return Optional.ofNullable(mongo.findById(id, Payment.class));
    }

    /**
     * Persists a refund the aggregate has just made, if the stored record still is in a status a
     * refund may start from. False when another consumer got there first.
     */
    public boolean saveRefund(Payment refunded) {
        var update = new Update()
                .set("status", refunded.status())
                .set("refund", refunded.refund())
                .set("updatedAt", refunded.updatedAt());
        return mongo.updateFirst(
                                query(where("id")
                                        .is(refunded.id())
                                        .and("status")
                                        .in(PaymentStatus.from(PaymentStatus.REFUNDED))),
                                update,
                                Payment.class)
                        .getModifiedCount()
                == 1;
    }

    /** Persists a refused late charge attempt on a voided record, once. */
    public boolean saveRefusedAttempt(Payment voided) {
        var update = new Update()
                .set("customerId", voided.customerId())
                .set("amount", voided.amount())
                .set("paymentMethod", voided.paymentMethod())
                .set("updatedAt", voided.updatedAt());
        return mongo.updateFirst(
                                query(where("id")
                                        .is(voided.id())
                                        .and("status")
                                        .is(PaymentStatus.VOIDED)
                                        .and("customerId")
                                        .isNull()),
                                update,
                                Payment.class)
                        .getModifiedCount()
                == 1;
    }

    /** One page of payments, optionally only those in one status. */
    public Page<Payment> page(PaymentStatus status, int page, int size) {
        Criteria criteria = status == null ? new Criteria() : where("status").is(status);
        long total = mongo.count(query(criteria), Payment.class);
        PageRequest request = PageRequest.of(page, size, LIST_ORDER);
        List<Payment> content = mongo.find(Query.query(criteria).with(request), Payment.class);
        return new PageImpl<>(content, request, total);
    }
}
