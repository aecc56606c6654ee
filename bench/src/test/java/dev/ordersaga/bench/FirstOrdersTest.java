package dev.ordersaga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FirstOrdersTest {

    private static final LatencySummary LATENCY = new LatencySummary(100, 30, 40, 60, 70, 80, 32);

    @Test
    void passes_on_exactly_the_stock_confirmed_the_rest_refused_and_every_sequential_order_confirmed() {
        var result = new FirstOrders.Result(40, 10, Map.of(201, 10, 409, 30), Map.of(201, 100), LATENCY);

        assertThat(result.pass()).isTrue();
    }

    @Test
    void fails_on_a_504_among_the_scarce_answers_even_when_the_stock_is_sold_exactly() {
        var result = new FirstOrders.Result(40, 10, Map.of(201, 10, 409, 24, 504, 6), Map.of(201, 100), LATENCY);

        assertThat(result.pass()).isFalse();
    }

    @Test
    void fails_on_an_oversold_product_or_a_sequential_order_not_confirmed() {
        assertThat(new FirstOrders.Result(40, 10, Map.of(201, 11, 409, 29), Map.of(201, 100), LATENCY).pass())
                .isFalse();
        assertThat(new FirstOrders.Result(40, 10, Map.of(201, 10, 409, 30), Map.of(201, 99, 504, 1), LATENCY).pass())
                .isFalse();
    }

    @Test
    void with_no_more_buyers_than_stock_every_buyer_is_confirmed() {
        assertThat(new FirstOrders.Result(5, 10, Map.of(201, 5), Map.of(201, 3), LATENCY).pass())
                .as("five buyers, ten in stock: five confirmed, none refused")
                .isTrue();
    }
}
