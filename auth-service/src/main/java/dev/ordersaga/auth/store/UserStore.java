package dev.ordersaga.auth.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.ordersaga.auth.domain.User;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Users in MongoDB: the only code of this service that reads or writes them. */
@Component
public class UserStore {

    private final UserRepository users;
    private final MongoOperations mongo;

    public UserStore(UserRepository users, MongoOperations mongo) {
        this.users = users;
        this.mongo = mongo;
    }

    /**
     * Stores a new user; the unique indexes on the lower-cased username and email decide, not a
     * read before the write.
     *
     * @throws DuplicateKeyException if the username or the email exists
     */
    public void insert(User user) {
        users.insert(user);
    }

    /** A new id for a user or a customer record: an ObjectId in hex (24 characters). */
    public String newId() {
        return new ObjectId().toHexString();
    }

    public Optional<User> findByUsername(String username) {
        return users.findByUsernameKey(User.usernameKey(username));
    }

    public Optional<User> find(String userId) {
        return users.findById(userId);
    }

    /** One field, by id: nothing else of the account (roles, email) is touched. */
    public void setPasswordHash(String userId, String passwordHash) {
        mongo.updateFirst(query(where("_id").is(userId)), Update.update("password_hash", passwordHash), User.class);
    }
}
