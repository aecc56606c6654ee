package dev.ordersaga.auth.domain;

import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.UserRegistered;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * A user account. Usernames and emails are unique case-insensitively: the unique indexes are on
 * lower-cased keys, so "Klea" and "klea" can never both exist, whatever the timing of two
 * registrations. The user document is its own outbox: {@code registration_published} stays false
 * until the broker acknowledged the user's {@code UserRegistered} ({@link #registered()}).
 */
@Document("users")
public final class User {

    public static final String USERNAME_INDEX = "username_key_unique";
    public static final String EMAIL_INDEX = "email_key_unique";

    @Id
    private final String id;

    private final String username;

    @Indexed(unique = true, name = USERNAME_INDEX)
    @Field("username_key")
    private final String usernameKey;

    private final String email;

    @Indexed(unique = true, name = EMAIL_INDEX)
    @Field("email_key")
    private final String emailKey;

    private final String name;

    @Field("password_hash")
    private final String passwordHash;

    private final Set<Role> roles;

    @Field("customer_id")
    private final String customerId;

    @Indexed(name = "registration_published")
    @Field("registration_published")
    private final boolean registrationPublished;

    @Field("created_at")
    private final Instant createdAt;

    @PersistenceCreator
    User(
            String id,
            String username,
            String usernameKey,
            String email,
            String emailKey,
            String name,
            String passwordHash,
            Set<Role> roles,
            String customerId,
            boolean registrationPublished,
            Instant createdAt) {
        this.id = id;
        this.username = username;
        this.usernameKey = usernameKey;
        this.email = email;
        this.emailKey = emailKey;
        this.name = name;
        this.passwordHash = passwordHash;
        this.roles = roles == null || roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        this.customerId = customerId;
        this.registrationPublished = registrationPublished;
        this.createdAt = createdAt;
    }

    /**
     * A new account. A user with a customer record has a {@code UserRegistered} to publish; one
     * without (the bootstrap admin) has nothing to announce, so it counts as published.
     */
    public static User create(
            String id,
            String username,
            String email,
            String name,
            String passwordHash,
            Set<Role> roles,
            String customerId,
            Instant createdAt) {
        return new User(
                id,
                username,
                usernameKey(username),
                email,
                emailKey(email),
                name,
                passwordHash,
                roles,
                customerId,
                customerId == null,
                createdAt);
    }

    /**
     * The event that announces this user to customer-service. Its id is derived from the user id, so
     * a re-published event is the same event and customer-service creates one customer per user.
     */
    public UserRegistered registered() {
        return new UserRegistered(
                EventIds.about(id, UserRegistered.class),
                createdAt,
                "user-" + id,
                id,
                username,
                email,
                name,
                customerId);
    }

    /** Usernames are ASCII by policy; compare them case-insensitively. */
    public static String usernameKey(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    public static String emailKey(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public String id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String email() {
        return email;
    }

    public String name() {
        return name;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Set<Role> roles() {
        return roles;
    }

    public String customerId() {
        return customerId;
    }

    public boolean registrationPublished() {
        return registrationPublished;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** No hash, no email: safe for any log line. */
    @Override
    public String toString() {
        return "User[id=" + id + ", username=" + username + "]";
    }
}
