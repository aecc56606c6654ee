package dev.ordersaga.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The demo data holds what SPEC §7, ORDER_TEST_CASES.md and the seed curls rely on. */
class SeedDataTest {

    private static final String KLEA_CUSTOMER = "6849dd2562e5fa1c135a04fb";
    private static final String PRODUCT_A = "6849dd2a5b6717b8055f93a9";
    private static final String PRODUCT_B = "6849dd2b5b6717b8055f93aa";

    private final SeedData data = SeedData.bundled();

    @Test
    void klea_can_log_in_with_the_spec_password_and_is_linked_to_her_customer() {
        JsonNode klea = only(data.users(), "username", "klea");

        assertThat(klea.path("password").asString()).isEqualTo("password123");
        assertThat(klea.path("customer_id").asString()).isEqualTo(KLEA_CUSTOMER);
        assertThat(klea.path("roles").toString()).contains("CUSTOMER");
        assertThat(only(data.customers(), "id", KLEA_CUSTOMER).path("active").asBoolean())
                .isTrue();
    }

    @Test
    void the_two_spec_products_are_active_and_well_stocked() {
        for (String id : List.of(PRODUCT_A, PRODUCT_B)) {
            JsonNode product = only(data.products(), "id", id);
            assertThat(product.path("active").asBoolean()).as(id).isTrue();
            assertThat(product.path("stock").asInt()).as(id).isGreaterThanOrEqualTo(100);
            assertThat(product.path("price").path("currency").asString()).isEqualTo("EUR");
            assertThat(product.path("price").path("amount").decimalValue()).isPositive();
        }
    }

    @Test
    void there_is_an_inactive_customer_a_sold_out_product_an_inactive_product_and_one_above_the_limit_at_five() {
        assertThat(data.customers()).anyMatch(c -> !c.path("active").asBoolean(true));
        assertThat(data.customers().size()).isGreaterThanOrEqualTo(3);
        assertThat(data.products())
                .anyMatch(
                        p -> p.path("stock").asInt(-1) == 0 && p.path("active").asBoolean());
        assertThat(data.products()).anyMatch(p -> !p.path("active").asBoolean(true));
        // the AMOUNT_LIMIT_EXCEEDED case of ORDER_TEST_CASES.md orders 5 of a product
        assertThat(data.products())
                .anyMatch(p -> p.path("active").asBoolean()
                        && p.path("stock").asInt() >= 5
                        && p.path("price")
                                        .path("amount")
                                        .decimalValue()
                                        .multiply(BigDecimal.valueOf(5))
                                        .compareTo(new BigDecimal("10000.00"))
                                > 0);
    }

    @Test
    void ids_are_24_hex_unique_and_every_user_links_to_a_seeded_customer() {
        Set<String> customerIds = ids(data.customers(), "id");
        assertThat(customerIds).hasSize(data.customers().size()).allMatch(id -> id.matches("[0-9a-f]{24}"));
        assertThat(ids(data.products(), "id"))
                .hasSize(data.products().size())
                .allMatch(id -> id.matches("[0-9a-f]{24}"));
        assertThat(ids(data.products(), "sku")).hasSize(data.products().size());
        assertThat(ids(data.users(), "username")).hasSize(data.users().size());
        assertThat(data.users())
                .allMatch(u -> customerIds.contains(u.path("customer_id").asString()));
    }

    private static Set<String> ids(List<JsonNode> documents, String field) {
        return documents.stream().map(d -> d.path(field).asString()).collect(Collectors.toSet());
    }

    private static JsonNode only(List<JsonNode> documents, String field, String value) {
        List<JsonNode> matches = documents.stream()
                .filter(d -> d.path(field).asString("").equals(value))
                .toList();
        assertThat(matches).as(field + "=" + value).hasSize(1);
        return matches.getFirst();
    }
}
