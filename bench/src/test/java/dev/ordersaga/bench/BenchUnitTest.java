package dev.ordersaga.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BenchUnitTest {

    @Test
    void the_mix_must_add_up_to_100_and_picks_kinds_in_proportion() {
        assertThatThrownBy(() -> Mix.parse("80,5,5,5")).hasMessageContaining("100");
        Mix mix = Mix.parse("85,5,5,5");
        Map<Mix.Kind, Integer> counts = new EnumMap<>(Mix.Kind.class);
        Random random = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            counts.merge(mix.pick(random), 1, Integer::sum);
        }
        assertThat(counts.get(Mix.Kind.VALID)).isBetween(84_000, 86_000);
        assertThat(counts.get(Mix.Kind.BAD_REQUEST)).isBetween(4_500, 5_500);
    }

    @Test
    void statuses_map_to_outcomes_and_only_5xx_other_than_shedding_and_connection_errors_are_failures() {
        assertThat(Outcome.of(201)).isEqualTo(Outcome.CONFIRMED);
        assertThat(Outcome.of(402)).isEqualTo(Outcome.PAYMENT_DECLINED);
        assertThat(Outcome.of(409)).isEqualTo(Outcome.OUT_OF_STOCK);
        assertThat(Outcome.of(504)).isEqualTo(Outcome.TIMEOUT_504);
        assertThat(Outcome.of(503)).isEqualTo(Outcome.SHED_503);
        assertThat(Outcome.of(429)).isEqualTo(Outcome.RATE_LIMITED_429);
        assertThat(Outcome.of(503).failure()).isFalse();
        assertThat(Outcome.of(502)).isEqualTo(Outcome.SERVER_ERROR);
        assertThat(Outcome.of(504).failure()).isFalse();
        assertThat(Outcome.of(500).failure()).isTrue();
        assertThat(Outcome.CONNECTION_ERROR.failure()).isTrue();
    }

    @Test
    void durations_read_the_way_people_write_them() {
        assertThat(BenchCli.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(BenchCli.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(BenchCli.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(BenchCli.duration("PT1S")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void latency_summaries_come_from_the_histogram_in_milliseconds() {
        var histogram = LatencySummary.newHistogram();
        for (int micros = 1_000; micros <= 100_000; micros += 1_000) {
            histogram.recordValue(micros);
        }
        var summary = LatencySummary.of(histogram);
        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50()).isBetween(49.0, 51.0);
        assertThat(summary.max()).isBetween(99.0, 101.0);
    }

    @Test
    void pids_are_read_from_the_stacks_pid_files() {
        assertThat(Faults.pidOf("#Tue Nov 24 19:47:48 UTC 2026\npid=7674\nstarted=123\n"))
                .isEqualTo(7674);
        assertThat(Faults.pidOf("4242\n")).isEqualTo(4242);
        assertThatThrownBy(() -> Faults.pidOf("#nothing\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_instance_of_a_replicated_service_is_found_by_its_own_pid_file() {
        assertThat(Faults.pidFileName("inventory-service")).isEqualTo("inventory-service.pid");
        assertThat(Faults.pidFileName("inventory-service#0")).isEqualTo("inventory-service.pid");
        assertThat(Faults.pidFileName("inventory-service#1")).isEqualTo("inventory-service-1.pid");
        assertThat(Faults.pidFileName("gateway#2")).isEqualTo("gateway-2.pid");
    }

    @Test
    void store_commands_are_read_from_every_instance_of_a_service(@org.junit.jupiter.api.io.TempDir Path pids)
            throws Exception {
        java.nio.file.Files.writeString(pids.resolve("order-service.pid"), "pid=1\n");
        java.nio.file.Files.writeString(pids.resolve("order-service-1.pid"), "pid=2\n");
        java.nio.file.Files.writeString(pids.resolve("gateway-1.pid"), "pid=3\n");

        var ports = Costs.portsWithInstances(pids);

        assertThat(ports).containsEntry("order-service", 9085).containsEntry("order-service-1", 9185);
        assertThat(ports).doesNotContainKey("gateway-1"); // the gateway has no store
    }

    @Test
    void object_ids_have_the_mongodb_form() {
        assertThat(BenchSetup.objectId()).matches("[0-9a-f]{24}");
    }
}
