package dev.ordersaga.auth.store;

import dev.ordersaga.auth.domain.User;
import dev.ordersaga.events.Event;
import dev.ordersaga.saga.publish.PendingEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The pending {@code UserRegistered} events, kept in the user documents themselves: a user with a
 * customer record is inserted with {@code registration_published = false} (the same single write),
 * and the flag is set once the broker acknowledged the event. The runtime's {@code
 * ReliablePublisher} sends it right after the insert and its sweep sends again what stayed pending
 * (broker down, process killed in between); the event id is derived from the user id.
 */
public class RegistrationOutbox implements PendingEvents<User> {

    private final MongoTemplate mongo;
    private final Duration republishAfter;

    /**
     * @param republishAfter a user is only re-published once it is this old, so a sweep does not race
     *     the registration request that is still publishing it
     */
    public RegistrationOutbox(MongoTemplate mongo, Duration republishAfter) {
        this.mongo = mongo;
        this.republishAfter = republishAfter;
    }

    /** Users still waiting for their event and older than {@code republishAfter}, oldest first. */
    @Override
    public List<User> due(Instant now, int limit) {
        return mongo.find(
                Query.query(Criteria.where("registrationPublished")
                                .is(false)
                                .and("createdAt")
                                .lt(now.minus(republishAfter)))
                        .with(Sort.by("createdAt"))
                        .limit(limit),
                User.class);
    }

    @Override
    public List<Event> review(User user, Instant now) {
        return List.of(user.registered());
    }

    @Override
    public void sent(User user, Instant now) {
        mongo.updateFirst(
                Query.query(Criteria.where("_id")
                        .is(user.id())
                        .and("registrationPublished")
                        .is(false)),
                Update.update("registrationPublished", true),
                User.class);
    }

    @Override
    public String key(User user) {
        return user.id();
    }
}
