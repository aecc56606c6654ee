package dev.ordersaga.auth.user;

import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.UserRegistered;
import dev.ordersaga.saga.EventPublisher;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Outbox-lite for {@code UserRegistered}: the user document is the outbox entry. The user is
 * stored with {@code registration_published = false}; after the broker acknowledged the event the
 * flag is set. A user whose flag stayed false (broker down, process killed in between) is picked
 * up again by {@link UnpublishedRegistrations}. The event id is derived from the user id, so a
 * re-published event is recognisably the same event and customer-service creates one customer.
 */
@Component
public class RegistrationOutbox {

    private static final Logger log = LoggerFactory.getLogger(RegistrationOutbox.class);

    private final EventPublisher publisher;
    private final MongoTemplate mongo;

    public RegistrationOutbox(EventPublisher publisher, MongoTemplate mongo) {
        this.publisher = publisher;
        this.mongo = mongo;
    }

    /** Publishes the user's {@code UserRegistered} and marks it published; false if the broker did not take it. */
    public boolean publish(User user) {
        try {
            publisher.publish(event(user));
        } catch (RuntimeException e) {
            // Not fatal: the user is stored and the re-publisher retries. No user data in the line.
            log.warn(
                    "UserRegistered for user {} not acknowledged ({}); it will be re-published",
                    user.id(),
                    e.toString());
            return false;
        }
        mongo.updateFirst(
                Query.query(Criteria.where("_id")
                        .is(user.id())
                        .and("registrationPublished")
                        .is(false)),
                Update.update("registrationPublished", true),
                User.class);
        return true;
    }

    /** Users still waiting for their event, created before {@code createdBefore}, oldest first. */
    public List<User> unpublished(Instant createdBefore, int limit) {
        return mongo.find(
                Query.query(Criteria.where("registrationPublished")
                                .is(false)
                                .and("createdAt")
                                .lt(createdBefore))
                        .with(Sort.by("createdAt"))
                        .limit(limit),
                User.class);
    }

    static UserRegistered event(User user) {
        return new UserRegistered(
                EventIds.about(user.id(), UserRegistered.class),
                user.createdAt(),
                "user-" + user.id(),
                user.id(),
                user.username(),
                user.email(),
                user.name(),
                user.customerId());
    }
}
