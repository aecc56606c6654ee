package dev.ordersaga.customer;

import static dev.ordersaga.customer.Api.admin;
import static dev.ordersaga.customer.Api.customer;
import static dev.ordersaga.customer.Api.newId;
import static dev.ordersaga.testsupport.ProblemAssertions.assertProblem;
import static dev.ordersaga.testsupport.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.customer.domain.CustomerId;
import dev.ordersaga.testsupport.OperationalEndpoints;
import dev.ordersaga.testsupport.PagingContract;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class CustomerApiTest extends CustomerServiceTest {

    @Test
    void an_admin_creates_reads_replaces_patches_and_deactivates_a_customer() {
        String id = newId();

        var created = api.post("/api/customers", admin(), """
                {"id":"%s","user_id":"u-%s","name":"Ana Admin-Made","email":"ana@example.com",
                 "addresses":[{"street":"1 Road","city":"Tirana","postal_code":"1001","country":"AL"}]}""".formatted(id, id));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/customers/" + id);
        JsonNode body = json(created);
        assertThat(body.get("id").asString()).isEqualTo(id);
        assertThat(body.get("user_id").asString()).isEqualTo("u-" + id);
        assertThat(body.get("active").asBoolean()).as("active defaults to true").isTrue();
        assertThat(body.get("addresses").get(0).get("postal_code").asString()).isEqualTo("1001");
        assertThat(body.get("created_at").asString())
                .isEqualTo(body.get("updated_at").asString());

        var read = api.get("/api/customers/" + id, admin());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read)).isEqualTo(body);

        var replaced = api.put(
                "/api/customers/" + id,
                admin(),
                "{\"name\":\"Ana Replaced\",\"email\":\"ana2@example.com\",\"phone\":\"+355 1\"}");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(json(replaced).get("name").asString()).isEqualTo("Ana Replaced");
        assertThat(json(replaced).get("addresses"))
                .as("PUT replaces the whole profile")
                .isEmpty();
        assertThat(json(replaced).get("user_id").asString()).isEqualTo("u-" + id);

        var patched = api.patch("/api/customers/" + id, admin(), "{\"phone\":\"+355 2\"}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(json(patched).get("phone").asString()).isEqualTo("+355 2");
        assertThat(json(patched).get("name").asString())
                .as("PATCH keeps what it is not given")
                .isEqualTo("Ana Replaced");

        var deleted = api.delete("/api/customers/" + id, admin());
        assertThat(deleted.statusCode()).isEqualTo(204);
        var afterDelete = json(api.get("/api/customers/" + id, admin()));
        assertThat(afterDelete.get("active").asBoolean())
                .as("deleting deactivates, the record stays")
                .isFalse();
        assertThat(afterDelete.get("name").asString()).isEqualTo("Ana Replaced");
        assertThat(api.delete("/api/customers/" + id, admin()).statusCode())
                .as("deleting again is harmless")
                .isEqualTo(204);

        var reactivated = api.patch("/api/customers/" + id, admin(), "{\"active\":true}");
        assertThat(json(reactivated).get("active").asBoolean()).isTrue();
    }

    @Test
    void an_admin_may_create_without_an_id_and_gets_a_new_object_id() {
        var created = api.post("/api/customers", admin(), "{\"name\":\"No Id\",\"email\":\"noid@example.com\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).get("id").asString()).matches("[0-9a-f]{24}");
    }

    @Test
    void creating_a_taken_id_is_409_and_changes_nothing() {
        String id = api.createCustomer(newId(), "First", true);

        var again = api.post(
                "/api/customers",
                admin(),
                "{\"id\":\"%s\",\"name\":\"Second\",\"email\":\"s@example.com\",\"active\":false}".formatted(id));

        assertProblem(again, 409, "CUSTOMER_EXISTS");
        JsonNode stored = json(api.get("/api/customers/" + id, admin()));
        assertThat(stored.get("name").asString()).isEqualTo("First");
        assertThat(stored.get("active").asBoolean()).isTrue();
    }

    @Test
    void invalid_fields_are_400_naming_each_field() {
        var response = api.post(
                "/api/customers",
                admin(),
                "{\"id\":\"{$ne: 1}\",\"name\":\" \",\"email\":\"not-an-email\",\"phone\":\"call me\","
                        + "\"addresses\":[{\"street\":\"\",\"city\":\"C\"}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json(response);
        assertThat(body.get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(body.get("errors").findValuesAsString("field"))
                .contains("id", "name", "email", "phone", "addresses[0].street", "addresses[0].country");
    }

    @Test
    void malformed_json_is_400_not_500() {
        var response = api.post("/api/customers", admin(), "{\"name\": ");

        assertProblem(response, 400, "MALFORMED_REQUEST");
    }

    @Test
    void a_customer_reads_their_own_record_but_not_another() {
        String own = api.createCustomer(newId(), "Own", true);
        String other = api.createCustomer(newId(), "Other", true);

        var mine = api.get("/api/customers/" + own, customer(own));
        var theirs = api.get("/api/customers/" + other, customer(own));
        var missingOther = api.get("/api/customers/" + newId(), customer(own));

        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(json(mine).get("name").asString()).isEqualTo("Own");
        assertProblem(theirs, 403, "FORBIDDEN");
        assertThat(theirs.body()).doesNotContain("Other");
        assertThat(missingOther.statusCode())
                .as("an unknown id of someone else is 403 too: no probing")
                .isEqualTo(403);
    }

    @Test
    void a_customer_updates_their_own_profile_but_not_another_and_not_their_status() {
        String own = api.createCustomer(newId(), "Own", true);
        String other = api.createCustomer(newId(), "Other", true);

        var patched = api.patch("/api/customers/" + own, customer(own), "{\"name\":\"Own Renamed\"}");
        var replacedSameStatus = api.put(
                "/api/customers/" + own,
                customer(own),
                "{\"name\":\"Own Again\",\"email\":\"own@example.com\",\"active\":true}");
        var deactivateByPatch = api.patch("/api/customers/" + own, customer(own), "{\"active\":false}");
        var deactivateByPut = api.put(
                "/api/customers/" + own,
                customer(own),
                "{\"name\":\"Own Again\",\"email\":\"own@example.com\",\"active\":false}");
        var deactivateByDelete = api.delete("/api/customers/" + own, customer(own));
        var patchOther = api.patch("/api/customers/" + other, customer(own), "{\"name\":\"Hijacked\"}");
        var putOther = api.put(
                "/api/customers/" + other, customer(own), "{\"name\":\"Hijacked\",\"email\":\"h@example.com\"}");

        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(json(patched).get("name").asString()).isEqualTo("Own Renamed");
        assertThat(replacedSameStatus.statusCode())
                .as(replacedSameStatus.body())
                .isEqualTo(200);
        assertThat(List.of(
                        deactivateByPatch.statusCode(),
                        deactivateByPut.statusCode(),
                        deactivateByDelete.statusCode(),
                        patchOther.statusCode(),
                        putOther.statusCode()))
                .containsOnly(403);
        assertThat(json(deactivateByPatch).get("code").asString()).isEqualTo("FORBIDDEN");
        JsonNode ownNow = json(api.get("/api/customers/" + own, admin()));
        assertThat(ownNow.get("active").asBoolean()).isTrue();
        assertThat(ownNow.get("name").asString()).isEqualTo("Own Again");
        assertThat(json(api.get("/api/customers/" + other, admin())).get("name").asString())
                .isEqualTo("Other");
    }

    @Test
    void only_an_admin_creates_customers() {
        String own = newId();

        var response = api.post(
                "/api/customers",
                customer(own),
                "{\"id\":\"%s\",\"name\":\"Self Made\",\"email\":\"s@example.com\"}".formatted(own));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(api.get("/api/customers/" + own, admin()).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "abc",
                "6849DD2562E5FA1C135A04FB",
                "6849dd2562e5fa1c135a04fb0",
                "%7B%22%24ne%22%3A1%7D",
                "6849dd2562e5fa1c135a04f%24"
            })
    void an_id_not_in_object_id_form_is_400_on_every_method(String badId) {
        String path = "/api/customers/" + badId;

        for (var response : onEveryMethod(path)) {
            assertProblem(response, 400, "VALIDATION_FAILED");
            assertThat(json(response).get("errors").findValuesAsString("field")).containsExactly("id");
        }
    }

    @Test
    void an_unknown_customer_is_404_on_every_method() {
        String path = "/api/customers/" + newId();

        for (var response : onEveryMethod(path)) {
            assertProblem(response, 404, "CUSTOMER_NOT_FOUND");
        }
    }

    /** The same request, as an admin, by every method a customer's resource serves. */
    private List<HttpResponse<String>> onEveryMethod(String path) {
        return List.of(
                api.get(path, admin()),
                api.put(path, admin(), "{\"name\":\"N\",\"email\":\"n@example.com\"}"),
                api.patch(path, admin(), "{\"name\":\"N\"}"),
                api.delete(path, admin()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ordersaga.testsupport.TestJwks#badTokenCases")
    void a_token_that_cannot_be_trusted_is_401(String why, String token) {
        var read = api.get("/api/customers/6849dd2562e5fa1c135a04fb", token);
        var list = api.get("/api/customers", token);
        var create = api.post("/api/customers", token, "{\"name\":\"X\",\"email\":\"x@example.com\"}");

        for (var response : List.of(read, list, create)) {
            assertThat(response.statusCode()).as(why).isEqualTo(401);
            assertThat(json(response).get("code").asString()).isEqualTo("UNAUTHORIZED");
        }
    }

    @Test
    void no_token_is_401() {
        var response = api.get("/api/customers", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(json(response).get("code").asString()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void an_admin_pages_through_all_customers_without_repeats_or_gaps() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(api.createCustomer(newId(), "Paged " + i, true));
        }

        JsonNode first = json(api.get("/api/customers?page=0&size=2", admin()));
        long total = first.get("total_elements").asLong();
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(first.get("total_pages").asInt()).isEqualTo((int) ((total + 1) / 2));
        List<String> seen = new ArrayList<>();
        for (int page = 0; page < first.get("total_pages").asInt(); page++) {
            JsonNode items = json(api.get("/api/customers?page=" + page + "&size=2", admin()))
                    .get("items");
            assertThat(items.size()).isBetween(1, 2);
            items.forEach(item -> seen.add(item.get("id").asString()));
        }

        assertThat(seen).doesNotHaveDuplicates().hasSize((int) total).containsAll(created);
    }

    @Test
    void paging_ends_with_an_empty_page_and_refuses_an_offset_the_store_cannot_skip() {
        for (int i = 0; i < 3; i++) {
            api.createCustomer(newId(), "Bounded " + i, true);
        }

        PagingContract.assertPagingEnds(paging -> api.get("/api/customers?" + paging, admin()));
    }

    @Test
    void the_active_filter_narrows_the_list() {
        String inactive = api.createCustomer(newId(), "Filtered Out", false);

        JsonNode activeOnly = json(api.get("/api/customers?size=100&active=true", admin()));
        JsonNode inactiveOnly = json(api.get("/api/customers?size=100&active=false", admin()));

        assertThat(activeOnly.get("items").findValuesAsString("id")).doesNotContain(inactive);
        assertThat(activeOnly.get("items").findValues("active")).allMatch(JsonNode::asBoolean);
        assertThat(inactiveOnly.get("items").findValuesAsString("id")).contains(inactive);
    }

    @Test
    void a_customer_listing_sees_only_their_own_record() {
        String own = api.createCustomer(newId(), "Lister", true);
        api.createCustomer(newId(), "Someone Else", true);

        JsonNode page = json(api.get("/api/customers?size=100", customer(own)));

        assertThat(page.get("items").findValuesAsString("id")).containsExactly(own);
        assertThat(page.get("total_elements").asLong()).isEqualTo(1);
        assertThat(json(api.get("/api/customers?page=1", customer(own))).get("items"))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"size=101", "size=0", "page=-1", "size=many"})
    void paging_outside_its_bounds_is_400(String paging) {
        var response = api.get("/api/customers?" + paging, admin());

        assertProblem(response, 400, "VALIDATION_FAILED");
    }

    @Test
    void health_metrics_and_api_docs_are_served_without_a_token() {
        var open = OperationalEndpoints.assertOpen(api);

        assertThat(open.metrics()).contains("jvm_memory_used_bytes");
        assertThat(open.apiDocs().get("paths").propertyNames()).contains("/api/customers", "/api/customers/{id}");
        assertThat(open.apiDocs()
                        .at("/paths/~1api~1customers~1{id}/get/parameters/0/schema/pattern")
                        .asString())
                .isEqualTo(CustomerId.PATTERN);
    }
}
