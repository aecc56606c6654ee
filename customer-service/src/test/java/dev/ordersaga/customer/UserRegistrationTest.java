package dev.ordersaga.customer;

import static dev.ordersaga.customer.Api.admin;
import static dev.ordersaga.customer.Api.newId;
import static dev.ordersaga.testsupport.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.ordersaga.customer.domain.Customer;
import dev.ordersaga.events.Topics;
import dev.ordersaga.testsupport.TestJwks;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code UserRegistered} from auth-service, as auth-service writes it, turns into the user's customer record. */
class UserRegistrationTest extends CustomerServiceTest {

    @Test
    void a_registered_user_gets_an_active_customer_record_their_token_can_read() {
        String userId = "user-" + UUID.randomUUID();
        String customerId = newId();

        kafka.send(Topics.USER_EVENTS, userId, userRegistered(UUID.randomUUID(), userId, customerId, "Rea Gistered"));

        JsonNode customer = awaitCustomer(customerId);
        assertThat(customer.get("user_id").asString()).isEqualTo(userId);
        assertThat(customer.get("name").asString()).isEqualTo("Rea Gistered");
        assertThat(customer.get("email").asString()).isEqualTo(userId + "@example.com");
        assertThat(customer.get("active").asBoolean()).isTrue();
        var own = api.get("/api/customers/" + customerId, TestJwks.get().customerToken(userId, customerId));
        assertThat(own.statusCode()).isEqualTo(200);
    }

    @Test
    void a_redelivered_user_registered_creates_nothing_new_and_changes_nothing() {
        String userId = "user-" + UUID.randomUUID();
        String customerId = newId();
        String event = userRegistered(UUID.randomUUID(), userId, customerId, "Once Only");
        kafka.send(Topics.USER_EVENTS, userId, event);
        JsonNode first = awaitCustomer(customerId);

        kafka.send(Topics.USER_EVENTS, userId, event);
        // Same key, so same partition: once this marker is handled, the redelivery before it was too.
        String markerCustomer = newId();
        kafka.send(
                Topics.USER_EVENTS,
                userId,
                userRegistered(UUID.randomUUID(), "marker-" + UUID.randomUUID(), markerCustomer, "Marker"));
        awaitCustomer(markerCustomer);

        assertThat(mongo.count(query(where("userId").is(userId)), Customer.class))
                .isEqualTo(1);
        assertThat(json(api.get("/api/customers/" + customerId, admin()))).isEqualTo(first);
    }

    @Test
    void a_customer_seeded_before_its_user_registered_is_linked_to_the_user_and_keeps_its_data() {
        String customerId = api.createCustomer(newId(), "Seeded Name", false);
        String userId = "user-" + UUID.randomUUID();

        kafka.send(Topics.USER_EVENTS, userId, userRegistered(UUID.randomUUID(), userId, customerId, "Event Name"));

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> userId.equals(json(api.get("/api/customers/" + customerId, admin()))
                        .path("user_id")
                        .asString(null)));
        JsonNode customer = json(api.get("/api/customers/" + customerId, admin()));
        assertThat(customer.get("name").asString()).isEqualTo("Seeded Name");
        assertThat(customer.get("active").asBoolean()).isFalse();
    }

    private JsonNode awaitCustomer(String customerId) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/customers/" + customerId, admin()).statusCode() == 200);
        return json(api.get("/api/customers/" + customerId, admin()));
    }

    /** The JSON auth-service publishes on user-events (snake_case, with its type). */
    static String userRegistered(UUID eventId, String userId, String customerId, String name) {
        return """
                {"type":"UserRegistered","event_id":"%s","occurred_at":"2026-11-24T10:00:00.000Z",\
                "correlation_id":"reg-%s","user_id":"%s","username":"%s","email":"%s@example.com",\
                "name":"%s","customer_id":"%s"}""".formatted(eventId, userId, userId, userId, userId, name, customerId);
    }
}
