package dev.ordersaga.console.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HistogramsTest {

    @Test
    void a_quantile_is_interpolated_inside_the_bucket_that_holds_its_rank() {
        // 100 observations: 50 up to 10 ms, 90 up to 20 ms, all up to 100 ms
        Map<Double, Double> buckets = Map.of(0.01, 50.0, 0.02, 90.0, 0.1, 100.0, Double.POSITIVE_INFINITY, 100.0);

        assertThat(Histograms.quantile(0.5, buckets)).isCloseTo(0.01, within(1e-9));
        assertThat(Histograms.quantile(0.7, buckets)).isCloseTo(0.015, within(1e-9));
        assertThat(Histograms.quantile(0.99, buckets)).isCloseTo(0.092, within(1e-9));
    }

    @Test
    void no_observations_give_no_quantile_and_ranks_in_the_infinite_bucket_give_the_highest_bound() {
        assertThat(Histograms.quantile(0.5, Map.of(0.1, 0.0, Double.POSITIVE_INFINITY, 0.0)))
                .isNaN();
        assertThat(Histograms.quantile(0.99, Map.of(0.1, 10.0, Double.POSITIVE_INFINITY, 20.0)))
                .isEqualTo(0.1);
    }
}
