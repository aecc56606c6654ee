package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
    void every_service_gets_a_session_timeout_the_broker_accepts_and_shorter_than_the_hop_timeout() throws Exception {
        var config = StackConfig.defaults(dir, dir.resolve("libs"));
        String brokerMinimum = new KafkaBroker(config)
                .properties()
                .lines()
                .filter(line -> line.startsWith("group.min.session.timeout.ms="))
                .findFirst()
                .orElseThrow()
                .substring("group.min.session.timeout.ms=".length());

        for (Component service : Component.services()) {
            String session = new ServiceApps(config).environment(service).get("SAGA_KAFKA_SESSION_TIMEOUT");
            assertThat(session).as(service.id()).matches("\\d+s");
            long millis = Long.parseLong(session.replace("s", "")) * 1000;
            assertThat(millis)
                    .as("%s: session %s against the broker's minimum %s ms", service.id(), session, brokerMinimum)
                    .isGreaterThanOrEqualTo(Long.parseLong(brokerMinimum))
                    // a heartbeat (1 s) to rejoin on top, and still inside the 5 s hop timeout
                    .isLessThanOrEqualTo(4000);
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
}
