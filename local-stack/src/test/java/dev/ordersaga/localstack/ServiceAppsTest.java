package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceAppsTest {

    @TempDir
    Path dir;

    @Test
    void every_service_listens_on_loopback_only_and_finds_the_others_there() {
        var apps = new ServiceApps(StackConfig.defaults(dir, dir.resolve("libs")));

        for (Component service : Component.services()) {
            var env = apps.environment(service);
            assertThat(env).as(service.id()).containsEntry("SERVER_ADDRESS", "127.0.0.1");
            assertThat(env.get("MONGODB_URI")).as(service.id()).startsWith("mongodb://localhost:");
        }
    }

    @Test
    void the_console_reads_the_first_instance_of_each_service_and_links_traces_to_zipkin() {
        var config = StackConfig.defaults(dir, dir.resolve("libs")).withReplicas(2);
        var env = new ServiceApps(config).environment(Component.CONSOLE);

        assertThat(env)
                .containsEntry("SERVER_PORT", "9086")
                .containsEntry("ORDER_URL", "http://localhost:9085")
                .containsEntry("AUTH_URL", "http://localhost:9081")
                .containsEntry("INVENTORY_URL", "http://localhost:9083")
                .containsEntry("PAYMENT_URL", "http://localhost:9084")
                .containsEntry("GATEWAY_MANAGEMENT_URL", "http://localhost:9080")
                .containsEntry("TRACE_URL", "http://127.0.0.1:9411/zipkin/traces/{traceId}");
    }

    @Test
    void every_service_gets_a_consumer_session_the_broker_accepts_that_moves_partitions_within_a_hop() {
        var apps = new ServiceApps(StackConfig.defaults(dir, dir.resolve("libs")));

        for (Component service : Component.services()) {
            String session =
                    apps.environment(new Instance(service, 0), Map.of()).get("SAGA_KAFKA_SESSION_TIMEOUT");
            assertThat(session).as(service.id()).matches("\\d+s");
            assertThat(Duration.ofSeconds(Long.parseLong(session.replace("s", ""))))
                    .as(
                            "%s: the broker's group.min.session.timeout.ms <= session < the gateway's 5 s hop timeout",
                            service.id())
                    .isGreaterThanOrEqualTo(KafkaBroker.MIN_SESSION_TIMEOUT)
                    .isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void a_session_set_in_the_callers_environment_is_left_to_it() {
        var apps = new ServiceApps(StackConfig.defaults(dir, dir.resolve("libs")));

        var env = apps.environment(new Instance(Component.ORDER, 0), Map.of("SAGA_KAFKA_SESSION_TIMEOUT", "10s"));

        assertThat(env).doesNotContainKey("SAGA_KAFKA_SESSION_TIMEOUT");
    }
}
