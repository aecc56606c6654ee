package dev.ordersaga.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/** A user registered; customer-service creates the linked customer record. Keyed by user id. */
@EventVersion(major = 1, minor = 0)
public record UserRegistered(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("occurred_at") Instant occurredAt,
        @JsonProperty("correlation_id") String correlationId,
        @JsonProperty("user_id") String userId,
        @JsonProperty("username") String username,
        @JsonProperty("email") String email,
        @JsonProperty("name") String name,
        @JsonProperty("customer_id") String customerId)
        implements UserEvent {

    public UserRegistered {
        Require.envelope(eventId, occurredAt, correlationId);
        Require.text(userId, "user_id");
        Require.text(username, "username");
        Require.text(email, "email");
        Require.text(name, "name");
        Require.text(customerId, "customer_id");
    }

    @Override
    public String key() {
        return userId;
    }
}
