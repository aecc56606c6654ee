package dev.ordersaga.auth.user;

import static dev.ordersaga.auth.AuthApi.read;
import static dev.ordersaga.auth.AuthApi.registration;
import static dev.ordersaga.auth.AuthApi.uniqueUsername;
import static dev.ordersaga.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.auth.AuthServiceTest;
import dev.ordersaga.auth.domain.User;
import dev.ordersaga.auth.store.RegistrationOutbox;
import dev.ordersaga.auth.store.UserRepository;
import dev.ordersaga.auth.store.UserStore;
import dev.ordersaga.events.Event;
import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.Topics;
import dev.ordersaga.events.UserRegistered;
import dev.ordersaga.saga.EventPublisher;
import dev.ordersaga.saga.publish.ReliablePublisher;
import dev.ordersaga.support.tracing.SagaTracing;
import dev.ordersaga.testsupport.KafkaTestClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

class RegistrationTest extends AuthServiceTest {

    @Autowired
    UserRepository users;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    UserStore store;

    @Autowired
    RegistrationOutbox outbox;

    @Autowired
    ReliablePublisher reliable;

    @Autowired
    RegistrationSettings settings;

    @Test
    void a_registration_is_201_with_the_user_and_announces_the_customer_on_user_events() {
        String username = uniqueUsername("reg");

        HttpResponse<String> response = api.register(registration(username, "s3cret-Passw0rd"));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode user = read(response);
        String userId = user.get("id").asString();
        String customerId = user.get("customer_id").asString();
        assertThat(userId).matches("[0-9a-f]{24}");
        assertThat(customerId).matches("[0-9a-f]{24}").isNotEqualTo(userId);
        assertThat(user.get("username").asString()).isEqualTo(username);
        assertThat(user.get("email").asString()).isEqualTo(username + "@example.com");
        assertThat(user.get("roles").toString()).isEqualTo("[\"CUSTOMER\"]");
        assertThat(response.body())
                .doesNotContain("s3cret-Passw0rd")
                .doesNotContain("$2a$")
                .doesNotContain("password");

        KafkaTestClient.Received event = kafka.await(Topics.USER_EVENTS, userId, "UserRegistered");
        JsonNode json = event.json();
        assertThat(json.get("user_id").asString()).isEqualTo(userId);
        assertThat(json.get("customer_id").asString()).isEqualTo(customerId);
        assertThat(json.get("username").asString()).isEqualTo(username);
        assertThat(json.get("email").asString()).isEqualTo(username + "@example.com");
        assertThat(json.get("name").asString()).isEqualTo("Name of " + username);
        assertThat(json.get("event_id").asString())
                .isEqualTo(EventIds.about(userId, UserRegistered.class).toString());
        assertThat(event.headers()).containsEntry("event_type", "UserRegistered");
        assertThat(event.value()).doesNotContain("s3cret-Passw0rd").doesNotContain("$2a$");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> users.findById(userId).orElseThrow().registrationPublished());
    }

    @Test
    void the_password_is_stored_as_a_bcrypt_hash_only() {
        String username = uniqueUsername("hash");
        String id = api.registered(username, "stored-as-hash-1").get("id").asString();

        User stored = users.findById(id).orElseThrow();

        assertThat(stored.passwordHash()).startsWith("$2a$10$").doesNotContain("stored-as-hash-1");
        assertThat(encoder.matches("stored-as-hash-1", stored.passwordHash())).isTrue();
    }

    @Test
    void a_taken_username_is_409_whatever_its_case() {
        String username = uniqueUsername("dup");
        api.registered(username, "password123");
        Map<String, Object> again = registration(username.toUpperCase(), "password123");
        again.put("email", "other-" + username + "@example.com");

        HttpResponse<String> response = api.register(again);

        assertProblem(response, 409, "ACCOUNT_EXISTS");
    }

    @Test
    void a_taken_email_is_409_whatever_its_case() {
        String username = uniqueUsername("mail");
        api.registered(username, "password123");
        Map<String, Object> other = registration(uniqueUsername("mail2"), "password123");
        other.put("email", (username + "@EXAMPLE.com"));

        HttpResponse<String> response = api.register(other);

        assertProblem(response, 409, "ACCOUNT_EXISTS");
    }

    static Stream<Arguments> badRegistrations() {
        return Stream.of(
                Arguments.of("short password", with("password", "short1"), List.of("password")),
                Arguments.of("password equal to the username", with("password", "SAMEASNAME"), List.of("password")),
                Arguments.of("password over 72 bytes", with("password", "\u00e9".repeat(37)), List.of("password")),
                Arguments.of("bad email", with("email", "not-an-email"), List.of("email")),
                Arguments.of("bad username", with("username", "no spaces allowed"), List.of("username")),
                Arguments.of("blank name", with("name", "   "), List.of("name")),
                Arguments.of(
                        "missing fields",
                        new LinkedHashMap<String, Object>(),
                        List.of("username", "password", "email", "name")));
    }

    private static Map<String, Object> with(String field, String value) {
        Map<String, Object> body = registration("sameasname", "password123");
        body.put(field, value);
        return body;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRegistrations")
    void bad_input_is_400_listing_the_fields(String why, Map<String, Object> body, List<String> fields) {
        HttpResponse<String> response = api.register(body);

        assertThat(response.statusCode()).as(why).isEqualTo(400);
        JsonNode problem = read(response);
        assertThat(problem.get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.get("errors").findValuesAsString("field")).as(why).containsOnlyElementsOf(fields);
        assertThat(problem.get("errors").findValuesAsString("field")).as(why).containsAll(fields);
        assertThat(response.body()).doesNotContain("password123");
    }

    @Test
    void a_query_operator_in_place_of_a_username_is_400_and_never_reaches_the_database() {
        long before = users.count();

        HttpResponse<String> response = api.registerRaw(
                "{\"username\": {\"$ne\": null}, \"password\": \"password123\", \"email\": \"x@example.com\", \"name\": \"X\"}");

        assertProblem(response, 400, "MALFORMED_REQUEST");
        assertThat(read(response).get("errors").findValuesAsString("field")).containsExactly("username");
        assertThat(users.count()).isEqualTo(before);
    }

    @Test
    void twenty_concurrent_registrations_of_one_username_make_exactly_one_user() {
        String username = uniqueUsername("race");
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Map<String, Object> body = registration(username, "password123");
            body.put("email", "racer" + i + "-" + username + "@example.com");
            inFlight.add(api.registerAsync(body));
        }

        List<HttpResponse<String>> responses =
                inFlight.stream().map(CompletableFuture::join).toList();

        assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.statusCode() == 409).hasSize(19);
        assertThat(responses)
                .filteredOn(r -> r.statusCode() == 409)
                .allSatisfy(r -> assertThat(read(r).get("code").asString()).isEqualTo("ACCOUNT_EXISTS"));
        assertThat(users.countByUsernameKey(User.usernameKey(username))).isEqualTo(1);
    }

    @Test
    void a_registration_whose_event_the_broker_did_not_take_is_published_later_by_the_re_publisher() {
        // The same service, but its publish fails after the user is stored (broker away).
        EventPublisher brokerDown = new EventPublisher(null, null) {
            @Override
            public void publishAll(List<? extends Event> events) {
                throw new IllegalStateException("broker not reachable");
            }
        };
        var service = new UserService(
                store, encoder, new ReliablePublisher(brokerDown, SagaTracing.none()), outbox, Clock.systemUTC());
        String username = uniqueUsername("outbox");

        User user = service.register(new RegisterRequest(username, "password123", username + "@example.com", "O"));

        assertThat(users.findById(user.id()).orElseThrow().registrationPublished())
                .isFalse();

        // the sweep, as its schedule runs it once the user is older than republish-after
        var later = java.time.Instant.now().plus(settings.republishAfter()).plusSeconds(1);
        int published = reliable.sweep("registrations", outbox, later, 1000);

        assertThat(published).isGreaterThanOrEqualTo(1);
        KafkaTestClient.Received event = kafka.await(Topics.USER_EVENTS, user.id(), "UserRegistered");
        assertThat(event.json().get("customer_id").asString()).isEqualTo(user.customerId());
        assertThat(event.json().get("event_id").asString())
                .isEqualTo(EventIds.about(user.id(), UserRegistered.class).toString());
        assertThat(users.findById(user.id()).orElseThrow().registrationPublished())
                .isTrue();
        assertThat(outbox.due(java.time.Instant.now().plusSeconds(60), 1000))
                .extracting(User::id)
                .doesNotContain(user.id());
    }
}
