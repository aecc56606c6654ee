package dev.ordersaga.customer.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.ordersaga.customer.domain.Customer;
import dev.ordersaga.customer.domain.CustomerActivity;
import dev.ordersaga.customer.domain.OrderValidation;
import dev.ordersaga.support.mongo.VersionedWrites;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The MongoDB side of customers and of the answers given to orders, beside {@link
 * CustomerRepository}: the batch reads and the guarded bulk write of the validation step, and the
 * conditional link of a registered user to a record that existed before.
 */
@Component
public class CustomerStore {

    private final MongoTemplate mongo;

    CustomerStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A fresh customer id (an ObjectId in hex, as MongoDB would make it). */
    public static String newId() {
        return new ObjectId().toHexString();
    }

    /** The answers already given to these orders, by order id, in one query. */
    public Map<String, OrderValidation> answersOf(Collection<String> orderIds) {
        Map<String, OrderValidation> answers = new HashMap<>();
        mongo.find(query(where("_id").in(orderIds)), OrderValidation.class)
                .forEach(answer -> answers.put(answer.orderId(), answer));
        return answers;
    }

    /** Whether each of these customers is active (absent: no such customer), in one query of two fields. */
    public Map<String, CustomerActivity> activityOf(Set<String> customerIds) {
        Map<String, CustomerActivity> customers = new HashMap<>();
        if (!customerIds.isEmpty()) {
            mongo.query(Customer.class)
                    .as(CustomerStatus.class)
                    .matching(query(where("id").in(customerIds)))
                    .all()
                    .forEach(found -> customers.put(found.id(), new CustomerActivity(found.active())));
        }
        return customers;
    }

    /** The two fields of a customer the validation reads (a projection). */
    record CustomerStatus(String id, boolean active) {}

    /**
     * Writes new answers in one bulk write. Answers are written once: "version 1" is an insert that
     * fails if the order has one already; such orders are returned (stale) and get the stored one.
     */
    public Set<String> insertAnswers(List<OrderValidation> answers) {
        return VersionedWrites.storeAll(mongo, OrderValidation.class, answers, OrderValidation::orderId, answer -> 1);
    }

    /** Links a customer record that has no user yet to this user; false if it has one already. */
    public boolean linkUser(String customerId, String userId, Instant at) {
        var linked = mongo.updateFirst(
                query(where("id").is(customerId).and("userId").is(null)),
                new Update().set("userId", userId).set("updatedAt", at).inc("version", 1),
                Customer.class);
        return linked.getModifiedCount() > 0;
    }
}
