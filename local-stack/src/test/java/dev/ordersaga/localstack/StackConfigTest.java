package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaults_are_the_fixed_ports_and_data_under_dot_stack() {
        StackConfig config = StackConfig.defaults(dir, dir.resolve("libs"));

        assertThat(config.port(Component.GATEWAY)).isEqualTo(9080);
        assertThat(config.port(Component.AUTH)).isEqualTo(9081);
        assertThat(config.port(Component.CUSTOMER)).isEqualTo(9082);
        assertThat(config.port(Component.INVENTORY)).isEqualTo(9083);
        assertThat(config.port(Component.PAYMENT)).isEqualTo(9084);
        assertThat(config.port(Component.ORDER)).isEqualTo(9085);
        assertThat(config.port(Component.KAFKA)).isEqualTo(9092);
        assertThat(config.port(Component.MONGO)).isEqualTo(27017);
        assertThat(config.dataDir()).isEqualTo(dir.toAbsolutePath().resolve(".stack"));
        assertThat(config.signingKey()).isEqualTo(config.dataDir().resolve("auth/jwt-signing-key.pem"));
        assertThat(config.logFile(Component.ORDER)).isEqualTo(config.dataDir().resolve("logs/order-service.log"));
    }

    @Test
    void free_ports_are_distinct_and_free() {
        StackConfig config = StackConfig.defaults(dir, dir).withFreePorts();

        Set<Integer> ports = new HashSet<>(config.ports().values());
        ports.add(config.kafkaControllerPort());
        assertThat(ports).hasSize(Component.values().length + 1);
        assertThat(ports).noneMatch(Probes::portInUse);
    }

    @Test
    void the_ports_of_the_last_up_are_found_again_by_the_other_commands() {
        StackConfig started = StackConfig.defaults(dir, dir)
                .withPort(Component.GATEWAY, 19080)
                .withKafkaControllerPort(19093);
        started.save();

        StackConfig found = StackConfig.defaults(dir, dir).withSavedPorts();

        assertThat(found.port(Component.GATEWAY)).isEqualTo(19080);
        assertThat(found.kafkaControllerPort()).isEqualTo(19093);
        assertThat(found.port(Component.AUTH)).isEqualTo(9081);
    }

    @Test
    void components_are_found_by_full_or_short_name() {
        assertThat(Component.byName("payment")).isEqualTo(Component.PAYMENT);
        assertThat(Component.byName("order-service")).isEqualTo(Component.ORDER);
        assertThat(Component.services())
                .hasSize(7)
                .contains(Component.CONSOLE)
                .doesNotContain(Component.KAFKA, Component.MONGO);
        assertThat(Component.services().stream().filter(Component::isReplicated))
                .as("the shop's six services run --replicas times, the console once")
                .hasSize(6)
                .doesNotContain(Component.CONSOLE);
    }
}
