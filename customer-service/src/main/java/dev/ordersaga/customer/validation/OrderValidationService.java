package dev.ordersaga.customer.validation;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.ordersaga.customer.customers.Customer;
import dev.ordersaga.customer.customers.CustomerId;
import dev.ordersaga.events.CustomerEvent;
import dev.ordersaga.events.OrderRequested;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Saga step 2: is the order's customer there and active? Two MongoDB round trips per request,
 * whether it is the first or a repeat: read the customer's status, then insert-if-absent the
 * answer and read back whichever answer is stored (the first one wins).
 */
@Service
public class OrderValidationService {

    private static final Logger log = LoggerFactory.getLogger(OrderValidationService.class);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final MeterRegistry meters;

    OrderValidationService(MongoTemplate mongo, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.clock = clock;
        this.meters = meters;
    }

    /** The answer for this order: decided now if it is the first request for it, else the stored one. */
    public CustomerEvent validate(OrderRequested request) {
        long started = System.nanoTime();
        CustomerVerdict verdict = CustomerVerdict.of(findCustomer(request.customerId()));
        OrderValidation proposed = OrderValidation.decide(request, verdict, now());
        OrderValidation stored = storeFirst(proposed);
        boolean repeat = !stored.equals(proposed);
        meters.timer(
                        "saga.customer.validations",
                        "outcome",
                        stored.reason() == null ? "VALIDATED" : stored.reason().name(),
                        "repeat",
                        Boolean.toString(repeat))
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        log.debug(
                "order {} customer {}: {}{}",
                stored.orderId(),
                stored.customerId(),
                stored.outcome(),
                repeat ? " (stored answer re-emitted)" : "");
        return stored.toEvent();
    }

    private Optional<CustomerActivity> findCustomer(String customerId) {
        // Not an id at all: no such customer, and nothing from the request reaches a query.
        if (!CustomerId.isValid(customerId)) {
            return Optional.empty();
        }
        return mongo.query(Customer.class)
                .as(CustomerActivity.class)
                .matching(query(where("id").is(customerId)))
                .one();
    }

    /** Inserts {@code proposed} unless an answer for the order exists; returns the stored answer. */
    private OrderValidation storeFirst(OrderValidation proposed) {
        Document fields = new Document();
        mongo.getConverter().write(proposed, fields);
        Update insertOnly = new Update();
        fields.forEach((name, value) -> {
            if (!"_id".equals(name)) {
                insertOnly.setOnInsert(name, value);
            }
        });
        var byOrder = query(where("_id").is(proposed.orderId()));
        try {
            return mongo.findAndModify(
                    byOrder,
                    insertOnly,
                    FindAndModifyOptions.options().upsert(true).returnNew(true),
                    OrderValidation.class);
        } catch (DuplicateKeyException raced) {
            // Two deliveries of one order raced (e.g. across a rebalance): the other one's answer stands.
            return mongo.findOne(byOrder, OrderValidation.class);
        }
    }

    // MongoDB keeps milliseconds: the answer first published must equal the answer read back later.
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
