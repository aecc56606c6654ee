package dev.ordersaga.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CostsTest {

    @Test
    void cpu_time_is_user_plus_system_ticks_even_when_the_command_name_has_spaces() {
        String stat = "4242 (java worker) S 1 4242 4242 0 -1 4194560 1 0 0 0 1234 566 0 0 20 0 40 0 100 0 0";
        assertThat(Costs.cpuSeconds(stat)).isCloseTo(18.0, within(1e-9));
    }

    @Test
    void store_commands_sum_every_command_series_of_the_driver_timer() {
        String scrape = """
                # TYPE mongodb_driver_commands_seconds summary
                mongodb_driver_commands_seconds_count{collection="orders",command="update",status="SUCCESS"} 120.0
                mongodb_driver_commands_seconds_sum{collection="orders",command="update",status="SUCCESS"} 0.5
                mongodb_driver_commands_seconds_count{collection="orders",command="find",status="SUCCESS"} 30.0
                jvm_threads_live_threads 40.0
                """;
        assertThat(Costs.storeCommands(scrape)).isEqualTo(150.0);
    }

    @Test
    void per_order_figures_divide_the_growth_by_the_orders_and_skip_processes_that_restarted() {
        var before = new Costs.Snapshot(Map.of("gateway", 10.0, "order-service", 50.0), Map.of("order-service", 100.0));
        var after = new Costs.Snapshot(Map.of("gateway", 12.0, "order-service", 1.0), Map.of("order-service", 900.0));

        var perOrder = Costs.perOrder(before, after, 100);

        assertThat(perOrder.cpuMillis()).containsOnlyKeys("gateway");
        assertThat(perOrder.cpuMillis().get("gateway")).isCloseTo(20.0, within(1e-9));
        assertThat(perOrder.storeCommands()).containsEntry("order-service", 8.0);
        assertThat(perOrder.markdown()).contains("20.0 ms CPU").contains("8.0 store commands");
    }
}
