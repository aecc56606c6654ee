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
    void a_scrape_gives_store_commands_and_records_produced() {
        String scrape = """
                # TYPE mongodb_driver_commands_seconds summary
                mongodb_driver_commands_seconds_count{collection="orders",command="update",status="SUCCESS"} 120.0
                mongodb_driver_commands_seconds_sum{collection="orders",command="update",status="SUCCESS"} 0.5
                mongodb_driver_commands_seconds_count{collection="orders",command="find",status="SUCCESS"} 30.0
                kafka_producer_record_send_total{client_id="order-service-producer-1",kafka_version="4.2.1"} 16.0
                kafka_producer_record_send_rate{client_id="order-service-producer-1",kafka_version="4.2.1"} 3.0
                kafka_consumer_fetch_manager_records_consumed_total{client_id="consumer-1",kafka_version="4.2.1"} 10.0
                jvm_threads_live_threads 40.0
                """;
        // deliveries are the broker's to say (GroupProgress), not the scrape's
        assertThat(Costs.Counters.of(scrape)).isEqualTo(new Costs.Counters(150.0, 16.0, 0));
        assertThat(Costs.sum(
                        "zipkin_collector_spans_total{transport=\"http\",} 835.0\n", "zipkin_collector_spans_total"))
                .isEqualTo(835.0);
    }

    @Test
    void per_order_figures_divide_the_growth_by_the_orders_and_skip_processes_that_restarted() {
        var before = new Costs.Snapshot(
                Map.of("gateway", new Costs.Cpu(10.0, 1.0, 0.5), "order-service", new Costs.Cpu(50.0, 9.0, 3.0)),
                Map.of("order-service", new Costs.Counters(100, 40, 0), "payment-service", new Costs.Counters(9, 9, 0)),
                Map.of("order-service", 60L, "gateway-a", 5L),
                400,
                1_000);
        var after = new Costs.Snapshot(
                Map.of("gateway", new Costs.Cpu(12.0, 1.6, 0.6), "order-service", new Costs.Cpu(1.0, 0.5, 0.1)),
                Map.of(
                        "order-service",
                        new Costs.Counters(900, 440, 0),
                        "payment-service",
                        new Costs.Counters(1, 1, 0)),
                Map.of("order-service", 460L, "gateway-a", 305L, "gateway-b", 9_000L),
                500,
                6_500);

        var perOrder = Costs.perOrder(before, after, 100);

        assertThat(perOrder.cpuMillis()).containsOnlyKeys("gateway");
        Costs.Cpu gateway = perOrder.cpuMillis().get("gateway");
        assertThat(gateway.total()).isCloseTo(20.0, within(1e-9));
        assertThat(gateway.jit()).as("JIT ms per order").isCloseTo(6.0, within(1e-9));
        assertThat(gateway.gc()).as("GC ms per order").isCloseTo(1.0, within(1e-9));
        assertThat(perOrder.services())
                .as("payment-service restarted: its counters went down, no figure")
                .containsOnlyKeys("order-service", "gateway")
                .containsEntry("order-service", new Costs.Counters(8, 4, 4))
                .as("a gateway started during the run (gateway-b) is not counted; the gateways' records are what"
                        + " order-requests grew by")
                .containsEntry("gateway", new Costs.Counters(0, 1, 3));
        assertThat(perOrder.spans()).isEqualTo(55.0);
        assertThat(perOrder.markdown())
                .contains("20.0 ms CPU")
                .contains("of which JIT compiling 6.0, garbage collection 1.0")
                .contains("| gateway | 20.00 | 6.00 | 1.00 |")
                .contains("8.0 store commands")
                .contains("5.0 Kafka records produced")
                .contains("7.0 deliveries")
                .contains("55.0 spans");
    }

    @Test
    void compiler_threads_are_jit_and_the_collectors_threads_gc_by_their_names_in_proc() {
        assertThat(Costs.threadKind("4243 (C2 CompilerThre) S 1 2 3 0 -1 0 0 0 0 0 700 3 0"))
                .isEqualTo(Costs.ThreadKind.JIT);
        assertThat(Costs.threadKind("4244 (C1 CompilerThre) S 1")).isEqualTo(Costs.ThreadKind.JIT);
        assertThat(Costs.threadKind("4245 (VM Thread) S 1")).isEqualTo(Costs.ThreadKind.GC);
        assertThat(Costs.threadKind("4246 (GC Thread#0) S 1")).isEqualTo(Costs.ThreadKind.GC);
        assertThat(Costs.threadKind("4247 (G1 Conc#0) S 1")).isEqualTo(Costs.ThreadKind.GC);
        assertThat(Costs.threadKind("4248 (container-0-C-1) S 1")).isEqualTo(Costs.ThreadKind.OTHER);
        assertThat(Costs.threadKind("4249 (VM Periodic Tas) S 1")).isEqualTo(Costs.ThreadKind.OTHER);
    }

    @Test
    void a_compiler_thread_that_ended_takes_its_seconds_from_the_part_never_below_zero() {
        var grown = new Costs.Cpu(20.0, 1.0, 2.0).minus(new Costs.Cpu(10.0, 3.0, 1.0));

        assertThat(grown).isEqualTo(new Costs.Cpu(10.0, 0.0, 1.0));
    }

    @Test
    void this_jvm_counts_its_own_compiler_threads() throws Exception {
        // this test's JVM has compiled something by now: its compiler threads have CPU time, within its total
        Costs.Cpu self = Costs.cpuOf(ProcessHandle.current().pid());
        assertThat(self.total()).isPositive();
        assertThat(self.jit()).isPositive().isLessThanOrEqualTo(self.total());
        assertThat(self.gc()).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(self.total());
    }

    @Test
    void without_zipkin_spans_are_not_counted() {
        var none = new Costs.Snapshot(Map.of(), Map.of(), Map.of(), -1, -1);

        assertThat(Costs.perOrder(none, none, 10).markdown()).contains("spans not counted");
    }
}
