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
