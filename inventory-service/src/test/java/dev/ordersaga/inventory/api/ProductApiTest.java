package dev.ordersaga.inventory.api;

import static dev.ordersaga.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.inventory.InventoryIntegrationTest;
import dev.ordersaga.testsupport.OperationalEndpoints;
import dev.ordersaga.testsupport.PagingContract;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class ProductApiTest extends InventoryIntegrationTest {

    @Test
    void an_admin_creates_a_product_and_gets_201_with_its_id_and_location() {
        String sku = "SKU-" + UUID.randomUUID();

        var response = http.post("/api/products", admin(), """
                {"sku":"%s","name":"Espresso cup","description":"white, 90 ml",\
                "price":{"amount":12.50,"currency":"EUR"},"stock":10,"active":true}""".formatted(sku));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = json(response);
        String id = body.get("id").asString();
        assertThat(id).matches("[0-9a-f]{24}");
        assertThat(response.headers().firstValue("Location")).hasValue("/api/products/" + id);
        assertThat(body.get("sku").asString()).isEqualTo(sku);
        assertThat(amount(body.get("price"))).isEqualByComparingTo("12.50");
        assertThat(body.get("price").get("currency").asString()).isEqualTo("EUR");
        assertThat(body.get("stock").get("available").asLong()).isEqualTo(10);
        assertThat(body.get("received").asLong()).isEqualTo(10);
        assertThat(body.has("applied_reservations")).isFalse();

        var read = http.get("/api/products/" + id, customer());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).get("name").asString()).isEqualTo("Espresso cup");
        assertThat(json(read).get("created_at").asString())
                .isEqualTo(body.get("created_at").asString());
    }

    @Test
    void the_seeder_may_choose_the_id_and_a_second_create_with_it_is_409() {
        String id = new ObjectId().toHexString();
        String body = """
                {"id":"%s","sku":"SKU-%s","name":"Seeded","price":{"amount":1,"currency":"EUR"},"stock":1}""".formatted(id, UUID.randomUUID());

        var first = http.post("/api/products", admin(), body);
        var second = http.post("/api/products", admin(), body.replace("SKU-", "OTHER-"));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(json(first).get("id").asString()).isEqualTo(id);
        assertThat(json(first).get("active").asBoolean()).isTrue();
        assertProblem(second, 409, "PRODUCT_ALREADY_EXISTS");
    }

    @Test
    void a_second_product_with_the_same_sku_is_409() {
        String sku = "SKU-" + UUID.randomUUID();
        String body = """
                {"sku":"%s","name":"One","price":{"amount":1,"currency":"EUR"},"stock":1}""".formatted(sku);

        assertThat(http.post("/api/products", admin(), body).statusCode()).isEqualTo(201);
        var again = http.post("/api/products", admin(), body);

        assertProblem(again, 409, "SKU_ALREADY_EXISTS");
        assertThat(json(again).get("sku").asString()).isEqualTo(sku);
    }

    @Test
    void invalid_fields_are_400_naming_each_field() {
        var response = http.post("/api/products", admin(), """
                {"id":"ABC","sku":"","name":"x","price":{"amount":-1,"currency":"euro"},"stock":-3}""");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json(response);
        assertThat(body.get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(body.get("errors").valueStream().map(e -> e.get("field").asString()))
                .contains("id", "sku", "price.amount", "price.currency", "stock");
    }

    @Test
    void a_price_with_more_decimals_than_its_currency_has_is_400_not_rounded() {
        var response = http.post("/api/products", admin(), """
                {"sku":"SKU-%s","name":"x","price":{"amount":1.005,"currency":"EUR"},"stock":1}""".formatted(UUID.randomUUID()));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").get(0).get("field").asString()).isEqualTo("price");
    }

    @Test
    void a_malformed_body_is_400() {
        var response = http.post("/api/products", admin(), "{\"sku\": [");

        assertProblem(response, 400, "MALFORMED_REQUEST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-id", "0123456789ABCDEF01234567", "0123456789abcdef0123456", "%7B%24ne%3A1%7D"})
    void an_id_that_is_not_24_lowercase_hex_is_400(String badId) {
        var response = http.get("/api/products/" + badId, customer());

        assertProblem(response, 400, "VALIDATION_FAILED");
    }

    @Test
    void an_unknown_product_is_404() {
        var response = http.get("/api/products/" + new ObjectId().toHexString(), customer());

        assertProblem(response, 404, "PRODUCT_NOT_FOUND");
    }

    @Test
    void the_list_pages_and_filters_by_a_literal_part_of_the_name() {
        String tag = "tag" + UUID.randomUUID().toString().substring(0, 8);
        named(tag + " alpha");
        named(tag + " beta");
        named(tag + " a.b(c");
        named(tag + " axb(c");

        JsonNode first = list("name=" + encode(tag.toUpperCase()) + "&size=3&page=0");
        JsonNode second = list("name=" + encode(tag) + "&size=3&page=1");
        JsonNode literal = list("name=" + encode("a.b(c") + "&size=100");

        assertThat(first.get("items")).hasSize(3);
        assertThat(first.get("total_elements").asLong()).isEqualTo(4);
        assertThat(first.get("total_pages").asLong()).isEqualTo(2);
        assertThat(second.get("items")).hasSize(1);
        assertThat(literal.get("items").valueStream().map(p -> p.get("name").asString()))
                .containsExactly(tag + " a.b(c");
    }

    @Test
    void paging_ends_with_an_empty_page_and_refuses_an_offset_the_store_cannot_skip() {
        String tag = "tag" + UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of("one", "two", "three", "four", "five")) {
            named(tag + " " + name);
        }

        long total = PagingContract.assertPagingEnds(
                paging -> http.get("/api/products?name=" + tag + "&" + paging, customer()));

        assertThat(total).isEqualTo(5);
    }

    @Test
    void a_page_size_beyond_the_limit_is_400() {
        var response = http.get("/api/products?size=1000", customer());

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void put_replaces_the_catalog_fields_and_leaves_the_stock_alone() {
        String id = product(7, "3.00");

        var response = http.put("/api/products/" + id, admin(), """
                {"name":"Renamed","description":"new","price":{"amount":4.20,"currency":"EUR"},\
                "active":false,"stock":999}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("name").asString()).isEqualTo("Renamed");
        assertThat(amount(body.get("price"))).isEqualByComparingTo("4.20");
        assertThat(body.get("active").asBoolean()).isFalse();
        assertThat(body.get("stock").get("available").asLong()).isEqualTo(7);
        assertThat(http.put("/api/products/" + id, admin(), "{\"name\":\"x\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void patch_changes_only_the_fields_it_names() {
        String id = product(7, "3.00");

        var response = http.patch("/api/products/" + id, admin(), "{\"active\":false}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("active").asBoolean()).isFalse();
        assertThat(amount(body.get("price"))).isEqualByComparingTo("3.00");
        assertThat(body.get("name").asString()).startsWith("Test product");
        assertThat(http.patch("/api/products/" + id, admin(), "{}").statusCode())
                .isEqualTo(400);
        assertThat(http.patch("/api/products/" + new ObjectId().toHexString(), admin(), "{\"active\":true}")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void a_stock_adjustment_moves_available_and_received_and_never_goes_below_zero() {
        String id = product(10, "3.00");

        var added = http.post("/api/products/" + id + "/stock", admin(), "{\"delta\":5,\"reason\":\"delivery\"}");
        var tooMuch =
                http.post("/api/products/" + id + "/stock", admin(), "{\"delta\":-16,\"reason\":\"count correction\"}");
        var removed =
                http.post("/api/products/" + id + "/stock", admin(), "{\"delta\":-3,\"reason\":\"count correction\"}");
        var zero = http.post("/api/products/" + id + "/stock", admin(), "{\"delta\":0,\"reason\":\"nothing\"}");
        var noReason = http.post("/api/products/" + id + "/stock", admin(), "{\"delta\":1}");

        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(json(added).get("stock").get("available").asLong()).isEqualTo(15);
        assertProblem(tooMuch, 409, "INSUFFICIENT_STOCK");
        assertThat(json(tooMuch).get("available").asLong()).isEqualTo(15);
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(json(removed).get("received").asLong()).isEqualTo(12);
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(stock(id)).containsExactly(12, 0, 0);
        assertThat(http.post(
                                "/api/products/" + new ObjectId().toHexString() + "/stock",
                                admin(),
                                "{\"delta\":-1,\"reason\":\"x\"}")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void availability_answers_the_three_stock_buckets() {
        String id = product(6, "3.00");

        var response = http.get("/api/products/" + id + "/availability", customer());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("product_id", "available", "reserved", "sold");
        assertThat(body.get("product_id").asString()).isEqualTo(id);
        assertThat(body.get("available").asLong()).isEqualTo(6);
    }

    @Test
    void the_invariant_check_is_for_admins_and_reports_every_product() {
        String id = product(3, "3.00");

        var forCustomer = http.get("/api/inventory/invariants", customer());
        JsonNode report = invariants();

        assertThat(forCustomer.statusCode()).isEqualTo(403);
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(report.has("open_reservations")).isTrue();
        JsonNode check = report.get("products")
                .valueStream()
                .filter(c -> c.get("product_id").asString().equals(id))
                .findFirst()
                .orElseThrow();
        assertThat(check.get("received").asLong()).isEqualTo(3);
        assertThat(check.get("available").asLong()).isEqualTo(3);
        assertThat(check.get("ok").asBoolean()).isTrue();
    }

    @Test
    void a_customer_may_read_but_not_write_the_catalog() {
        String id = product(3, "3.00");
        String token = customer();
        String body = """
                {"sku":"SKU-%s","name":"x","price":{"amount":1,"currency":"EUR"},"stock":1}""".formatted(UUID.randomUUID());

        assertThat(http.get("/api/products", token).statusCode()).isEqualTo(200);
        assertThat(http.post("/api/products", token, body).statusCode()).isEqualTo(403);
        assertThat(http.put(
                                "/api/products/" + id,
                                token,
                                "{\"name\":\"x\",\"price\":{\"amount\":1,\"currency\":\"EUR\"},\"active\":true}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(http.patch("/api/products/" + id, token, "{\"active\":false}")
                        .statusCode())
                .isEqualTo(403);
        var adjust = http.post("/api/products/" + id + "/stock", token, "{\"delta\":100,\"reason\":\"mine\"}");
        assertProblem(adjust, 403, "FORBIDDEN");
        assertThat(stock(id)).containsExactly(3, 0, 0);
    }

    @Test
    void a_request_without_a_token_is_401() {
        var response = http.get("/api/products", null);

        assertProblem(response, 401, "UNAUTHORIZED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.ordersaga.testsupport.TestJwks#badTokenCases")
    void a_token_that_cannot_be_trusted_is_401(String why, String token) {
        var response = http.get("/api/products", token);

        assertThat(response.statusCode()).as(why).isEqualTo(401);
    }

    @Test
    void health_metrics_and_the_api_description_are_served_without_a_token() {
        var open = OperationalEndpoints.assertOpen(http);

        assertThat(open.metrics()).contains("jvm_memory_used_bytes");
        assertThat(open.apiDocs().get("paths").propertyNames())
                .contains(
                        "/api/products",
                        "/api/products/{id}",
                        "/api/products/{id}/stock",
                        "/api/products/{id}/availability",
                        "/api/inventory/invariants");
    }

    private void named(String name) {
        var response = http.post("/api/products", admin(), """
                {"sku":"SKU-%s","name":"%s","price":{"amount":1,"currency":"EUR"},"stock":1}""".formatted(UUID.randomUUID(), name));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private JsonNode list(String query) {
        var response = http.get("/api/products?" + query, customer());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
