package dev.ordersaga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WarmUpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void the_orders_are_only_for_the_warm_up_customer_and_products_and_cover_every_outcome() {
        List<JsonNode> orders = IntStream.range(0, 10)
                .mapToObj(i -> JSON.readTree(WarmUp.order(i)))
                .toList();

        assertThat(orders).allMatch(o -> o.path("customer_id").asString().equals(WarmUp.CUSTOMER_ID));
        assertThat(orders.stream().map(o -> o.at("/products/0/product_id").asString()))
                .containsOnly(WarmUp.PRODUCT_ID, WarmUp.EMPTY_PRODUCT_ID)
                .contains(WarmUp.EMPTY_PRODUCT_ID);
        assertThat(orders.stream().map(o -> o.path("payment_method").asString()))
                .contains("credit_card", "test_declined_card");
        assertThat(orders.stream()
                        .filter(o -> o.at("/products/0/product_id").asString().equals(WarmUp.PRODUCT_ID))
                        .filter(o -> o.path("payment_method").asString().equals("credit_card")))
                .as("eight in ten are confirmed: the whole saga, commit included")
                .hasSize(8);
    }

    @Test
    void the_warm_up_records_are_not_demo_data() {
        assertThat(List.of(WarmUp.CUSTOMER_ID, WarmUp.PRODUCT_ID, WarmUp.EMPTY_PRODUCT_ID))
                .doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[0-9a-f]{24}"))
                .doesNotContain("6849dd2562e5fa1c135a04fb", "6849dd2a5b6717b8055f93a9", "6849dd2b5b6717b8055f93aa");
    }

    @Test
    void it_keeps_below_the_gateways_per_user_order_rate() {
        assertThat(WarmUp.RATE).isLessThan(20);
    }

    @Test
    void it_stops_on_a_whole_window_of_fast_answers_or_when_out_of_time() {
        List<Duration> fast = Collections.nCopies(WarmUp.WINDOW, Duration.ofMillis(30));
        List<Duration> slow = Collections.nCopies(WarmUp.WINDOW, Duration.ofMillis(120));
        List<Duration> tooFew = fast.subList(0, WarmUp.WINDOW - 1);

        assertThat(WarmUp.stop(fast, Duration.ofSeconds(5))).isEqualTo(WarmUp.Stop.FAST);
        assertThat(WarmUp.stop(slow, Duration.ofSeconds(5))).isEqualTo(WarmUp.Stop.NOT_YET);
        assertThat(WarmUp.stop(tooFew, Duration.ofSeconds(5))).isEqualTo(WarmUp.Stop.NOT_YET);
        assertThat(WarmUp.stop(List.of(), WarmUp.MAX_TIME)).isEqualTo(WarmUp.Stop.OUT_OF_TIME);
    }

    @Test
    void it_stops_once_answers_settle_below_the_ceiling_and_not_while_they_still_get_faster() {
        assertThat(WarmUp.stop(windows(50, 48), Duration.ofSeconds(8)))
                .as("two warm windows, the last no faster")
                .isEqualTo(WarmUp.Stop.SETTLED);
        assertThat(WarmUp.stop(windows(75, 50), Duration.ofSeconds(8)))
                .as("a third faster than the window before: the compilers are still paying off")
                .isEqualTo(WarmUp.Stop.NOT_YET);
        assertThat(WarmUp.stop(windows(300, 60), Duration.ofSeconds(8)))
                .as("the window before was cold")
                .isEqualTo(WarmUp.Stop.NOT_YET);
        assertThat(WarmUp.stop(windows(900, 905), Duration.ofSeconds(8)))
                .as("steady but slow: queueing, not warm")
                .isEqualTo(WarmUp.Stop.NOT_YET);
        assertThat(WarmUp.stop(windows(50, 48).subList(1, 2 * WarmUp.WINDOW), Duration.ofSeconds(8)))
                .as("less than two windows")
                .isEqualTo(WarmUp.Stop.NOT_YET);
    }

    /** Two windows of answers, the older at {@code beforeMs} and the newer at {@code lastMs}. */
    private static List<Duration> windows(long beforeMs, long lastMs) {
        List<Duration> answers =
                new java.util.ArrayList<>(Collections.nCopies(WarmUp.WINDOW, Duration.ofMillis(beforeMs)));
        answers.addAll(Collections.nCopies(WarmUp.WINDOW, Duration.ofMillis(lastMs)));
        return answers;
    }

    @Test
    void the_windows_are_the_latest_confirmed_answers() {
        ArrayDeque<Duration> answers = new ArrayDeque<>();
        IntStream.range(0, 50).forEach(i -> answers.addLast(Duration.ofMillis(i)));

        List<Duration> recent = WarmUp.recent(answers);

        assertThat(recent)
                .hasSize(2 * WarmUp.WINDOW)
                .startsWith(Duration.ofMillis(10))
                .endsWith(Duration.ofMillis(49));
        assertThat(WarmUp.median(recent.subList(WarmUp.WINDOW, 2 * WarmUp.WINDOW)))
                .isEqualTo(Duration.ofMillis(40));
        assertThat(WarmUp.median(List.of())).isGreaterThan(WarmUp.FAST);
    }
}
