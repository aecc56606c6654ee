package dev.ordersaga.auth.user;

import dev.ordersaga.auth.domain.Role;
import dev.ordersaga.auth.domain.User;
import dev.ordersaga.auth.store.RegistrationOutbox;
import dev.ordersaga.auth.store.UserStore;
import dev.ordersaga.saga.publish.ReliablePublisher;
import dev.ordersaga.support.web.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Creates accounts. Uniqueness of username and email is decided by the unique indexes, not by a
 * read before the write, so two concurrent registrations of one name give exactly one account and
 * one 409. A user with a customer record gets a {@code UserRegistered}: pending in the user
 * document from its insert ({@link RegistrationOutbox}), sent right after by the runtime's
 * {@link ReliablePublisher}, whose sweep sends it again if the broker did not take it.
 */
@Service
public class UserService {

    static final String ACCOUNT_EXISTS = "ACCOUNT_EXISTS";

    private final UserStore users;
    private final PasswordEncoder encoder;
    private final ReliablePublisher publisher;
    private final RegistrationOutbox outbox;
    private final Clock clock;
    /** Compared against when the user does not exist, so that costs one bcrypt like a wrong password. */
    private final String unknownUserHash;
    /** Hashed instead of a password bcrypt cannot take whole (over 72 bytes), for the same reason. */
    private final String overlongStandIn = UUID.randomUUID().toString();

    public UserService(
            UserStore users,
            PasswordEncoder encoder,
            ReliablePublisher publisher,
            RegistrationOutbox outbox,
            Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.publisher = publisher;
        this.outbox = outbox;
        this.clock = clock;
        this.unknownUserHash = encoder.encode(UUID.randomUUID().toString());
    }

    /** Self-registration: a CUSTOMER with a freshly assigned customer id. */
    public User register(RegisterRequest request) {
        return create(new NewUser(
                request.username(),
                request.password(),
                request.email(),
                request.name(),
                Set.of(Role.CUSTOMER),
                users.newId()));
    }

    /** An admin's account creation: given roles; the given customer id, or a new one. */
    public User create(CreateUserRequest request) {
        String customerId = request.customerId() != null ? request.customerId() : users.newId();
        return create(new NewUser(
                request.username(),
                request.password(),
                request.email(),
                request.name(),
                request.rolesOrDefault(),
                customerId));
    }

    User create(NewUser account) {
        User user = User.create(
                users.newId(),
                account.username(),
                account.email().trim(),
                account.name().trim(),
                encoder.encode(account.password()),
                account.roles(),
                account.customerId(),
                clock.instant());
        try {
            users.insert(user);
        } catch (DuplicateKeyException e) {
            throw conflict(account);
        }
        if (!user.registrationPublished()) {
            // not fatal if the broker does not take it: the user exists, the sweep sends it later
            publisher.publish(outbox, user, List.of(user.registered()), clock.instant());
        }
        return user;
    }

    /**
     * The user with these credentials, or empty. An unknown user and a wrong password cost the same
     * one bcrypt comparison, so the answer time does not tell whether a username exists.
     */
    public Optional<User> authenticate(String username, String password) {
        Optional<User> user = users.findByUsername(username);
        String hash = user.map(User::passwordHash).orElse(unknownUserHash);
        boolean whole = PasswordPolicy.fitsBcrypt(password);
        boolean matches = encoder.matches(whole ? password : overlongStandIn, hash);
        return matches && whole ? user : Optional.empty();
    }

    public Optional<User> find(String userId) {
        return users.find(userId);
    }

    /**
     * One answer whichever unique index refused the insert: naming the field would tell anyone
     * which emails have an account here (and which usernames) in one request each. The person
     * registering learns what they need: this combination cannot be registered; choose another
     * username, or log in. (An email probe still gets this 409 when paired with a fresh username;
     * only a mailed confirmation would close that, and registration is rate limited per address.)
     */
    private static ApiException conflict(NewUser account) {
        return ApiException.conflict(
                ACCOUNT_EXISTS, "An account with this username or email exists. Choose another username, or log in.");
    }
}
