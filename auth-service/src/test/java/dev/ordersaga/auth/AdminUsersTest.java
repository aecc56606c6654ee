package dev.ordersaga.auth;

import static dev.ordersaga.auth.AuthApi.read;
import static dev.ordersaga.auth.AuthApi.uniqueUsername;
import static dev.ordersaga.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.Topics;
import dev.ordersaga.testsupport.TestJwks;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AdminUsersTest extends AuthServiceTest {

    private static Map<String, Object> account(String username, String customerId, List<String> roles) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", "password123");
        body.put("email", username + "@example.com");
        body.put("name", "Seeded " + username);
        if (roles != null) {
            body.put("roles", roles);
        }
        if (customerId != null) {
            body.put("customer_id", customerId);
        }
        return body;
    }

    @Test
    void an_admin_creates_a_user_linked_to_a_given_customer_who_can_log_in_at_once() {
        String username = uniqueUsername("seed");
        String customerId = new ObjectId().toHexString();

        HttpResponse<String> created = api.createUser(api.adminToken(), account(username, customerId, null));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode user = read(created);
        assertThat(user.get("customer_id").asString()).isEqualTo(customerId);
        assertThat(user.get("roles").toString()).isEqualTo("[\"CUSTOMER\"]");
        assertThat(created.body()).doesNotContain("password123");

        JsonNode me = read(api.me(api.token(username, "password123")));
        assertThat(me.get("id").asString()).isEqualTo(user.get("id").asString());
        assertThat(me.get("customer_id").asString()).isEqualTo(customerId);

        var event = kafka.await(Topics.USER_EVENTS, user.get("id").asString(), "UserRegistered");
        assertThat(event.json().get("customer_id").asString()).isEqualTo(customerId);
    }

    @Test
    void an_admin_may_give_roles_and_a_missing_customer_id_is_generated() {
        String username = uniqueUsername("ops");

        HttpResponse<String> created =
                api.createUser(api.adminToken(), account(username, null, List.of("ADMIN", "CUSTOMER")));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(read(created).get("roles").toString()).isEqualTo("[\"CUSTOMER\",\"ADMIN\"]");
        assertThat(read(created).get("customer_id").asString()).matches("[0-9a-f]{24}");
    }

    @Test
    void an_existing_username_is_409_so_seeding_twice_changes_nothing() {
        String username = uniqueUsername("again");
        String customerId = new ObjectId().toHexString();
        assertThat(api.createUser(api.adminToken(), account(username, customerId, null))
                        .statusCode())
                .isEqualTo(201);

        HttpResponse<String> again = api.createUser(api.adminToken(), account(username, customerId, null));

        assertProblem(again, 409, "ACCOUNT_EXISTS");
    }

    @Test
    void a_customer_may_not_create_users() {
        String username = uniqueUsername("cust");
        api.registered(username, "password123");

        HttpResponse<String> response =
                api.createUser(api.token(username, "password123"), account(uniqueUsername("x"), null, null));

        assertProblem(response, 403, "FORBIDDEN");
    }

    @Test
    void without_a_token_or_with_an_admin_token_auth_service_did_not_sign_it_is_401() {
        var anonymous = api.createUser(null, account(uniqueUsername("anon"), null, null));
        var foreign = api.createUser(TestJwks.get().adminToken(), account(uniqueUsername("foreign"), null, null));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertProblem(foreign, 401, "UNAUTHORIZED");
    }

    @Test
    void bad_admin_input_is_400_listing_the_fields() {
        Map<String, Object> body = account("a", "NOT-HEX", null);
        body.put("password", "a");

        HttpResponse<String> response = api.createUser(api.adminToken(), body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(read(response).get("errors").findValuesAsString("field"))
                .contains("username", "customer_id", "password");
    }

    @Test
    void an_unknown_role_is_400_not_500() {
        HttpResponse<String> response =
                api.createUser(api.adminToken(), account(uniqueUsername("role"), null, List.of("ROOT")));

        assertProblem(response, 400, "MALFORMED_REQUEST");
    }
}
