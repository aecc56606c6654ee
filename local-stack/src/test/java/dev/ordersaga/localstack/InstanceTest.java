package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceTest {

    @TempDir
    Path dir;

    @Test
    void two_replicas_run_every_service_twice_on_ports_a_hundred_apart_and_the_infrastructure_once() {
        StackConfig config = StackConfig.defaults(dir, dir.resolve("libs")).withReplicas(2);

        List<Instance> instances = config.instances();

        assertThat(instances).hasSize(6 * 2 + 4); // six services twice; store, broker, Zipkin, console once
        assertThat(config.instancesOf(Component.CONSOLE)).containsExactly(Instance.first(Component.CONSOLE));
        assertThat(config.gatewayUrls()).containsExactly("http://localhost:9080", "http://localhost:9180");
        assertThat(config.port(new Instance(Component.ORDER, 1))).isEqualTo(9185);
        assertThat(config.port(new Instance(Component.AUTH, 1))).isEqualTo(9181);
        Set<Integer> ports = new HashSet<>();
        instances.forEach(i -> ports.add(config.port(i)));
        assertThat(ports).as("no two instances share a port").hasSize(instances.size());
    }

    @Test
    void instance_zero_keeps_the_names_of_a_single_instance_stack() {
        StackConfig config = StackConfig.defaults(dir, dir.resolve("libs"));
        Instance first = Instance.first(Component.ORDER);
        Instance second = new Instance(Component.ORDER, 1);

        assertThat(first.id()).isEqualTo("order-service");
        assertThat(config.logFile(first)).isEqualTo(config.logFile(Component.ORDER));
        assertThat(second.id()).isEqualTo("order-service#1");
        assertThat(config.logFile(second)).isEqualTo(config.logDir().resolve("order-service-1.log"));
        assertThat(Processes.marker(first, config.dataDir()))
                .as("the first instance's marker must not match the second's command line")
                .isNotEqualTo(Processes.marker(second, config.dataDir()));
        assertThat(Processes.marker(second, config.dataDir()))
                .doesNotContain(Processes.marker(first, config.dataDir()).substring(2));
    }

    @Test
    void an_instance_is_named_service_hash_index() {
        assertThat(Instance.parse("order#1")).isEqualTo(new Instance(Component.ORDER, 1));
        assertThat(Instance.parse("inventory-service#2")).isEqualTo(new Instance(Component.INVENTORY, 2));
        assertThat(Instance.parse("gateway")).isEqualTo(Instance.first(Component.GATEWAY));
        assertThatThrownBy(() -> Instance.parse("order#x")).hasMessageContaining("order#1");
        assertThatThrownBy(() -> Instance.parse("kafka#1")).hasMessageContaining("runs once");
    }

    @Test
    void without_zipkin_the_stack_has_no_zipkin_process_and_the_services_are_told_so() {
        StackConfig config = StackConfig.defaults(dir, dir.resolve("libs")).withZipkin(false);

        assertThat(config.instances()).extracting(Instance::component).doesNotContain(Component.ZIPKIN);
        assertThat(new ServiceApps(config).environment(Component.ORDER)).containsEntry("ZIPKIN_ENABLED", "false");
    }

    @Test
    void every_service_sends_its_spans_to_the_stacks_zipkin_and_gateway_i_routes_to_instance_i() {
        StackConfig config = StackConfig.defaults(dir, dir.resolve("libs"))
                .withReplicas(2)
                .withPorts(Ports.defaults().with("zipkin", 19411));

        var env = new ServiceApps(config).environment(new Instance(Component.GATEWAY, 1));

        assertThat(env)
                .containsEntry("ZIPKIN_ENDPOINT", "http://127.0.0.1:19411/api/v2/spans")
                .doesNotContainKey("ZIPKIN_ENABLED")
                .containsEntry("SERVER_PORT", "9180")
                .containsEntry("ORDER_URL", "http://localhost:9185")
                .containsEntry("JWKS_URI", "http://localhost:9181/.well-known/jwks.json");
    }

    @Test
    void the_replicas_and_zipkin_of_the_last_up_are_found_again() {
        SavedSettings.save(StackConfig.defaults(dir, dir).withReplicas(3).withZipkin(false));

        StackConfig found = SavedSettings.restore(StackConfig.defaults(dir, dir));

        assertThat(found.replicas()).isEqualTo(3);
        assertThat(found.zipkin()).isFalse();
    }

    @Test
    void replicas_are_bounded() {
        StackConfig config = StackConfig.defaults(dir, dir);
        assertThatThrownBy(() -> config.withReplicas(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withReplicas(StackConfig.MAX_REPLICAS + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
