package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WarmUpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void a_round_orders_only_for_the_warm_up_customer_and_products_and_covers_every_outcome() {
        List<JsonNode> round = IntStream.range(0, WarmUp.CONCURRENCY)
                .mapToObj(i -> JSON.readTree(WarmUp.order(i)))
                .toList();

        assertThat(round).allMatch(o -> o.path("customer_id").asString().equals(WarmUp.CUSTOMER_ID));
        assertThat(round.stream().map(o -> o.at("/products/0/product_id").asString()))
                .containsOnly(WarmUp.PRODUCT_ID, WarmUp.EMPTY_PRODUCT_ID)
                .contains(WarmUp.EMPTY_PRODUCT_ID);
        assertThat(round.stream().map(o -> o.path("payment_method").asString()))
                .contains("credit_card", "test_declined_card");
        assertThat(round.stream()
                        .filter(o -> o.at("/products/0/product_id").asString().equals(WarmUp.PRODUCT_ID))
                        .filter(o -> o.path("payment_method").asString().equals("credit_card")))
                .as("most orders are confirmed: the whole saga, commit included")
                .hasSizeGreaterThan(WarmUp.CONCURRENCY / 2);
    }

    @Test
    void the_warm_up_records_are_not_demo_data() {
        assertThat(List.of(WarmUp.CUSTOMER_ID, WarmUp.PRODUCT_ID, WarmUp.EMPTY_PRODUCT_ID))
                .doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[0-9a-f]{24}"))
                .doesNotContain("6849dd2562e5fa1c135a04fb", "6849dd2a5b6717b8055f93a9", "6849dd2b5b6717b8055f93aa");
    }

    @Test
    void it_stops_once_an_order_alone_was_fast_twice_in_a_row_or_when_out_of_rounds_or_time() {
        assertThat(WarmUp.done(3, 2, Duration.ofSeconds(5))).isTrue();
        assertThat(WarmUp.done(3, 1, Duration.ofSeconds(5))).isFalse();
        assertThat(WarmUp.done(WarmUp.MAX_ROUNDS, 0, Duration.ofSeconds(5))).isTrue();
        assertThat(WarmUp.done(1, 0, WarmUp.MAX_TIME)).isTrue();
        assertThat(WarmUp.done(0, 0, Duration.ZERO)).isFalse();
    }
}
