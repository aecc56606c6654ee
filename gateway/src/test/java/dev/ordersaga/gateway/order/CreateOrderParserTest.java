package dev.ordersaga.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ordersaga.events.OrderLine;
import dev.ordersaga.support.web.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CreateOrderParserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String SEED_BODY = """
            {"token": "t", "customer_id": "6849dd2562e5fa1c135a04fb",
             "products": [{"product_id": "6849dd2a5b6717b8055f93a9", "quantity": 1},
                          {"product_id": "6849dd2b5b6717b8055f93aa", "quantity": 2}],
             "payment_method": "credit_card",
             "shipping_address": "123 Main St, City, State 12345",
             "billing_address": "123 Main St, City, State 12345"}""";

    @Test
    void the_seed_body_is_valid_and_unknown_fields_are_ignored() {
        JsonNode body = JSON.readTree(SEED_BODY.replace("\"token\"", "\"gift_wrap\": true, \"token\""));

        CreateOrderCommand command = CreateOrderParser.parse(body, "key-1");

        assertThat(command)
                .isEqualTo(new CreateOrderCommand(
                        "6849dd2562e5fa1c135a04fb",
                        List.of(
                                new OrderLine("6849dd2a5b6717b8055f93a9", 1),
                                new OrderLine("6849dd2b5b6717b8055f93aa", 2)),
                        "credit_card",
                        "123 Main St, City, State 12345",
                        "123 Main St, City, State 12345"));
    }

    @Test
    void ids_are_lower_cased_and_strings_trimmed() {
        JsonNode body = JSON.readTree(SEED_BODY
                .replace("6849dd2562e5fa1c135a04fb", "6849DD2562E5FA1C135A04FB")
                .replace("\"credit_card\"", "\"  credit_card \""));

        CreateOrderCommand command = CreateOrderParser.parse(body, null);

        assertThat(command.customerId()).isEqualTo("6849dd2562e5fa1c135a04fb");
        assertThat(command.paymentMethod()).isEqualTo("credit_card");
    }

    @Test
    void every_bad_field_is_listed_at_once_in_snake_case() {
        String body = """
                {"customer_id": "nope",
                 "products": [{"product_id": "6849dd2a5b6717b8055f93a9", "quantity": 0},
                              {"product_id": "xyz", "quantity": 1001},
                              {"product_id": "6849dd2b5b6717b8055f93aa", "quantity": "2"},
                              {"product_id": "6849dd2b5b6717b8055f93ab", "quantity": 1.5},
                              {"product_id": "6849dd2b5b6717b8055f93ac"},
                              42],
                 "payment_method": 42,
                 "shipping_address": "   ",
                 "billing_address": "%s"}""".formatted("x".repeat(201));

        Map<String, String> errors = errors(body, "k".repeat(101));

        assertThat(errors)
                .containsOnlyKeys(
                        "customer_id",
                        "products[0].quantity",
                        "products[1].product_id",
                        "products[1].quantity",
                        "products[2].quantity",
                        "products[3].quantity",
                        "products[4].quantity",
                        "products[5]",
                        "payment_method",
                        "shipping_address",
                        "billing_address",
                        "idempotency_key");
        assertThat(errors.get("products[1].quantity")).contains("1000");
        assertThat(errors.get("payment_method")).contains("string");
        assertThat(errors.get("billing_address")).contains("200");
        assertThat(errors.get("idempotency_key")).contains("100");
    }

    @Test
    void products_must_be_a_non_empty_list_of_at_most_50_lines() {
        assertThat(errors(SEED_BODY.replaceAll("\"products\": \\[[^]]*]", "\"products\": []"), null))
                .containsOnlyKeys("products");
        assertThat(errors(SEED_BODY.replaceAll("\"products\": \\[[^]]*]", "\"products\": {}"), null))
                .containsOnlyKeys("products");
        assertThat(errors(SEED_BODY.replaceAll("\"products\": \\[[^]]*],", ""), null))
                .containsOnlyKeys("products");

        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 51; i++) {
            lines.append(i == 0 ? "" : ",").append("{\"product_id\": \"%024x\", \"quantity\": 1}".formatted(i));
        }
        Map<String, String> tooMany =
                errors(SEED_BODY.replaceAll("\"products\": \\[[^]]*]", "\"products\": [" + lines + "]"), null);
        assertThat(tooMany).containsOnlyKeys("products");
        assertThat(tooMany.get("products")).contains("at most 50");

        JsonNode fifty = JSON.readTree(SEED_BODY.replaceAll(
                "\"products\": \\[[^]]*]", "\"products\": [" + lines.substring(0, lines.lastIndexOf(",{")) + "]"));
        assertThat(CreateOrderParser.parse(fifty, null).lines()).hasSize(50);
    }

    @Test
    void quantity_limits_are_inclusive() {
        JsonNode body = JSON.readTree(SEED_BODY.replace("\"quantity\": 1}", "\"quantity\": 1000}"));

        assertThat(CreateOrderParser.parse(body, null).lines().getFirst().quantity())
                .isEqualTo(1000);
    }

    @Test
    void a_product_listed_twice_is_refused() {
        String body = SEED_BODY.replace("6849dd2b5b6717b8055f93aa", "6849dd2a5b6717b8055f93a9");

        assertThat(errors(body, null)).containsOnlyKeys("products[1].product_id");
    }

    @Test
    void missing_fields_are_each_required_and_a_non_object_body_is_malformed() {
        assertThat(errors("{}", null))
                .containsOnlyKeys("customer_id", "products", "payment_method", "shipping_address", "billing_address");

        ApiException e =
                catchThrowableOfType(ApiException.class, () -> CreateOrderParser.parse(JSON.readTree("[1, 2]"), null));
        assertThat(e.code()).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void payment_method_and_addresses_have_length_limits() {
        String body = SEED_BODY.replace("\"credit_card\"", "\"" + "c".repeat(41) + "\"");
        assertThat(errors(body, null)).containsOnlyKeys("payment_method");

        String atLimit = SEED_BODY
                .replace("\"credit_card\"", "\"" + "c".repeat(40) + "\"")
                .replace("\"123 Main St, City, State 12345\"", "\"" + "a".repeat(200) + "\"");
        assertThat(CreateOrderParser.parse(JSON.readTree(atLimit), "k".repeat(100))
                        .paymentMethod())
                .hasSize(40);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> errors(String body, String key) {
        ApiException e =
                catchThrowableOfType(ApiException.class, () -> CreateOrderParser.parse(JSON.readTree(body), key));
        assertThat(e).as("expected a 400 for %s", body).isNotNull();
        assertThat(e.code()).isEqualTo("VALIDATION_FAILED");
        var list = (List<Map<String, String>>) e.properties().get("errors");
        Map<String, String> byField = new java.util.LinkedHashMap<>();
        list.forEach(error -> byField.put(error.get("field"), error.get("message")));
        return byField;
    }
}
