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
}
