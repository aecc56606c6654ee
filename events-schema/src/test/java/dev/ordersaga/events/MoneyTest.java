package dev.ordersaga.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class MoneyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void amounts_are_kept_at_the_scale_of_their_currency() {
        assertThat(Money.of("12.5", "EUR").amount())
                .isEqualByComparingTo("12.50")
                .hasScaleOf(2);
        assertThat(Money.of("12", "EUR")).isEqualTo(Money.of("12.00", "EUR"));
        assertThat(Money.of("1500", "JPY").amount().scale()).isZero();
    }

    @Test
    void more_decimals_than_the_currency_allows_are_refused_not_rounded() {
        assertThatThrownBy(() -> Money.of("12.345", "EUR"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 decimals");
        assertThatThrownBy(() -> Money.of("10.5", "JPY")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negative_amounts_and_unknown_currencies_are_refused() {
        assertThatThrownBy(() -> Money.of("-0.01", "EUR")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of("1.00", "EURO")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Money(null, "EUR")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void adds_and_multiplies_exactly() {
        Money price = Money.of("0.10", "EUR");

        assertThat(price.plus(Money.of("0.20", "EUR"))).isEqualTo(Money.of("0.30", "EUR"));
        assertThat(price.times(3)).isEqualTo(Money.of("0.30", "EUR"));
        assertThat(Money.zero("EUR").plus(price.times(0))).isEqualTo(Money.zero("EUR"));
        assertThat(new PricedLine("p", 3, Money.of("19.99", "EUR")).lineTotal()).isEqualTo(Money.of("59.97", "EUR"));
    }

    @Test
    void never_combines_two_currencies() {
        assertThatThrownBy(() -> Money.of("1.00", "EUR").plus(Money.of("1.00", "USD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EUR")
                .hasMessageContaining("USD");
        assertThatThrownBy(() -> Money.of("1.00", "EUR").compareTo(Money.of("1.00", "USD")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void compares_by_amount() {
        assertThat(Money.of("10000.01", "EUR").isGreaterThan(Money.of("10000.00", "EUR")))
                .isTrue();
        assertThat(Money.of("10000.00", "EUR").isGreaterThan(Money.of("10000", "EUR")))
                .isFalse();
    }

    @Test
    void travels_as_a_json_number_without_losing_precision() {
        Money money = new Money(new BigDecimal("12345678901234.57"), "EUR");

        String json = JSON.writeValueAsString(money);

        assertThat(json).isEqualTo("{\"amount\":12345678901234.57,\"currency\":\"EUR\"}");
        assertThat(JSON.readValue(json, Money.class)).isEqualTo(money);
        assertThat(JSON.readValue("{\"amount\":12.5,\"currency\":\"EUR\"}", Money.class))
                .isEqualTo(Money.of("12.50", "EUR"));
    }
}
