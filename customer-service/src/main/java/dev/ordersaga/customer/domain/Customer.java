package dev.ordersaga.customer.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * A customer record: the aggregate of this service. It is never deleted (orders refer to it); it
 * is deactivated instead, and an inactive customer's orders are rejected. Status changes go
 * through {@link #activate} and {@link #deactivate}, which refuse a change to the status the
 * customer already has.
 */
@Document("customers")
public class Customer {

    // Stored as a real ObjectId, like the records the original system (and the seed) use.
    @MongoId(FieldType.OBJECT_ID)
    private final String id;

    // Optimistic locking: two concurrent PUT/PATCH of one record cannot silently overwrite each other.
    @Version
    private Long version;

    @Field("user_id")
    private String userId;

    private String name;
    private String email;
    private String phone;
    private List<Address> addresses;
    private boolean active;

    @Field("created_at")
    private final Instant createdAt;

    @Field("updated_at")
    private Instant updatedAt;

    @PersistenceCreator
    Customer(
            String id,
            Long version,
            String userId,
            String name,
            String email,
            String phone,
            List<Address> addresses,
            boolean active,
            Instant createdAt,
            Instant updatedAt) {
        this.id = id;
        this.version = version;
        this.userId = userId;
        this.name = name;
        this.email = email;
        this.phone = phone;
        this.addresses = addresses == null ? List.of() : List.copyOf(addresses);
        this.active = active;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    /** A new customer record; {@code userId} is null for a customer no user is linked to (yet). */
    public static Customer create(
            String id,
            String userId,
            String name,
            String email,
            String phone,
            List<Address> addresses,
            boolean active,
            Instant now) {
        if (!CustomerId.isValid(id)) {
            throw new IllegalArgumentException("customer id must be 24 lowercase hex digits");
        }
        Customer customer = new Customer(id, null, userId, null, null, null, List.of(), active, now, now);
        customer.applyProfile(name, email, phone, addresses);
        return customer;
    }

    /** Replaces the profile fields (not the status, not the user link). */
    public void changeProfile(String name, String email, String phone, List<Address> addresses, Instant now) {
        applyProfile(name, email, phone, addresses);
        this.updatedAt = now;
    }

    /** Makes an inactive customer active again; refuses if it is active already. */
    public void activate(Instant now) {
        if (active) {
            throw new CustomerStatusException("customer " + id + " is already active");
        }
        active = true;
        updatedAt = now;
    }

    /** Deactivates an active customer (the soft delete); refuses if it is inactive already. */
    public void deactivate(Instant now) {
        if (!active) {
            throw new CustomerStatusException("customer " + id + " is already inactive");
        }
        active = false;
        updatedAt = now;
    }

    /**
     * Brings the status to {@code wanted} through the guarded transitions.
     *
     * @return whether the status changed (false: it already was {@code wanted})
     */
    public boolean changeActive(boolean wanted, Instant now) {
        if (wanted == active) {
            return false;
        }
        if (wanted) {
            activate(now);
        } else {
            deactivate(now);
        }
        return true;
    }

    private void applyProfile(String name, String email, String phone, List<Address> addresses) {
        this.name = requireText(name, "name");
        this.email = requireText(email, "email");
        this.phone = phone;
        this.addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value.strip();
    }

    public String id() {
        return id;
    }

    public Long version() {
        return version;
    }

    public String userId() {
        return userId;
    }

    public String name() {
        return name;
    }

    public String email() {
        return email;
    }

    public String phone() {
        return phone;
    }

    public List<Address> addresses() {
        return addresses;
    }

    public boolean isActive() {
        return active;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Customer customer && Objects.equals(id, customer.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
