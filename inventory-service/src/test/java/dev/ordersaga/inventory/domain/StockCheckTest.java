package dev.ordersaga.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderLine;
import dev.ordersaga.events.ReasonCode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The all-or-nothing arithmetic: merging lines, judging them against stock, pricing them. */
class StockCheckTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void lines_of_one_product_are_merged_keeping_the_first_appearance_order() {
        List<OrderLine> merged =
                StockCheck.merge(List.of(new OrderLine("b", 1), new OrderLine("a", 2), new OrderLine("b", 4)));

        assertThat(merged).containsExactly(new OrderLine("b", 5), new OrderLine("a", 2));
    }

    @Test
    void product_ids_differing_only_in_case_are_one_product() {
        List<OrderLine> merged = StockCheck.merge(
                List.of(new OrderLine("6849DD2A5B6717B8055F93A9", 1), new OrderLine("6849dd2a5b6717b8055f93a9", 2)));

        assertThat(merged).containsExactly(new OrderLine("6849dd2a5b6717b8055f93a9", 3));
    }

    @Test
    void a_merged_quantity_beyond_int_is_capped_so_it_can_only_be_short() {
        List<OrderLine> merged =
                StockCheck.merge(List.of(new OrderLine("a", Integer.MAX_VALUE), new OrderLine("a", Integer.MAX_VALUE)));

        assertThat(merged).containsExactly(new OrderLine("a", Integer.MAX_VALUE));
    }

    @Test
    void lines_that_fit_the_stock_pass() {
        var lines = List.of(pending("a", 3), pending("b", 1));
        var products = Map.of("a", product("a", 3, true, "EUR"), "b", product("b", 1, true, "EUR"));

        assertThat(StockCheck.diagnose(lines, products)).isEmpty();
    }

    @Test
    void one_unit_more_than_available_is_short_and_every_short_line_is_named() {
        var lines = List.of(pending("a", 4), pending("b", 1), pending("c", 2));
        var products = Map.of(
                "a", product("a", 3, true, "EUR"),
                "b", product("b", 1, true, "EUR"),
                "c", product("c", 0, true, "EUR"));

        var rejection = StockCheck.diagnose(lines, products).orElseThrow();

        assertThat(rejection.reason()).isEqualTo(ReasonCode.INSUFFICIENT_STOCK);
        assertThat(rejection.productIds()).containsExactly("a", "c");
    }

    @Test
    void a_missing_product_outranks_an_inactive_one_which_outranks_a_short_one() {
        var lines = List.of(pending("short", 9), pending("retired", 1), pending("ghost", 1));
        var products = Map.of(
                "short", product("short", 1, true, "EUR"),
                "retired", product("retired", 5, false, "EUR"));

        assertThat(StockCheck.diagnose(lines, products).orElseThrow().reason()).isEqualTo(ReasonCode.PRODUCT_NOT_FOUND);
        assertThat(StockCheck.diagnose(lines.subList(0, 2), products).orElseThrow())
                .extracting(Rejection::reason, Rejection::productIds)
                .containsExactly(ReasonCode.PRODUCT_INACTIVE, List.of("retired"));
    }

    @Test
    void lines_in_another_currency_than_the_first_are_a_mismatch() {
        var lines = List.of(priced("a", 1, "2.00", "EUR"), priced("b", 1, "3", "JPY"), priced("c", 1, "1.00", "EUR"));

        var rejection = StockCheck.currencyMismatch(lines).orElseThrow();

        assertThat(rejection.reason()).isEqualTo(ReasonCode.CURRENCY_MISMATCH);
        assertThat(rejection.productIds()).containsExactly("b");
        assertThat(StockCheck.currencyMismatch(List.of(lines.get(0), lines.get(2))))
                .isEmpty();
    }

    @Test
    void the_total_is_exact_decimal_arithmetic_at_the_currency_scale() {
        var lines = List.of(priced("a", 3, "0.10", "EUR"), priced("b", 7, "19.99", "EUR"));

        assertThat(StockCheck.total(lines)).isEqualTo(Money.of("140.23", "EUR"));
    }

    @Test
    void a_total_over_two_currencies_is_refused_rather_than_added() {
        var lines = List.of(priced("a", 1, "1.00", "EUR"), priced("b", 1, "1.00", "USD"));

        assertThatThrownBy(() -> StockCheck.total(lines)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stock_adds_up_only_when_every_received_unit_is_in_exactly_one_bucket() {
        Product fresh = product("a", 10, true, "EUR");

        assertThat(fresh.stockAddsUp()).isTrue();
        assertThat(fresh.withStock(new Stock(5, 3, 1)).stockAddsUp()).isFalse();
        assertThat(fresh.withStock(new Stock(-1, 6, 5)).stockAddsUp()).isFalse();
    }

    private static ReservationLine pending(String productId, int quantity) {
        return ReservationLine.pending(new OrderLine(productId, quantity));
    }

    private static ReservationLine priced(String productId, int quantity, String amount, String currency) {
        return pending(productId, quantity).applied(Money.of(amount, currency));
    }

    private static Product product(String id, long available, boolean active, String currency) {
        return Product.create(id, "sku-" + id, "name", null, Price.of(Money.of("1", currency)), active, available, NOW);
    }
}
