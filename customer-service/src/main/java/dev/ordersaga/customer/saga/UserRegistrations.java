package dev.ordersaga.customer.saga;

import dev.ordersaga.customer.domain.Customer;
import dev.ordersaga.customer.domain.CustomerId;
import dev.ordersaga.customer.store.CustomerRepository;
import dev.ordersaga.customer.store.CustomerStore;
import dev.ordersaga.events.EventTime;
import dev.ordersaga.events.UserRegistered;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * A registered user gets their customer record, with the id auth-service assigned. Idempotent: the
 * id is the document's {@code _id}, so a redelivered event finds it taken and creates nothing. A
 * record that already existed without a user (e.g. seeded before the user) is linked to the user,
 * once.
 */
@Component
public class UserRegistrations {

    private static final Logger log = LoggerFactory.getLogger(UserRegistrations.class);

    private final CustomerRepository customers;
    private final CustomerStore store;
    private final Clock clock;

    UserRegistrations(CustomerRepository customers, CustomerStore store, Clock clock) {
        this.customers = customers;
        this.store = store;
        this.clock = clock;
    }

    public void register(UserRegistered event) {
        if (!CustomerId.isValid(event.customerId())) {
            // A contract violation by the producer: fail, so the record is retried and then dead-lettered.
            throw new IllegalArgumentException("UserRegistered carries a customer_id that is not an ObjectId");
        }
        var now = EventTime.now(clock);
        try {
            customers.insert(Customer.create(
                    event.customerId(), event.userId(), event.name(), event.email(), null, List.of(), true, now));
            log.info("created customer {} for registered user {}", event.customerId(), event.userId());
        } catch (DuplicateKeyException alreadyThere) {
            if (store.linkUser(event.customerId(), event.userId(), now)) {
                log.info("linked existing customer {} to user {}", event.customerId(), event.userId());
            }
        }
    }
}
