package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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
        StackConfig config = StackConfig.defaults(dir, dir).withPorts(Ports.free());

        Set<Integer> ports = new HashSet<>(config.ports().byComponent().values());
        ports.add(config.kafkaControllerPort());
        assertThat(ports).hasSize(Component.values().length + 1);
        assertThat(ports).noneMatch(Probes::portInUse);
        // below the ephemeral range, where an outgoing connection could take a port between a kill and a restart
        assertThat(ports).allMatch(port -> port >= Ports.FREE_LOWEST && port <= Ports.FREE_HIGHEST);
    }

    @Test
    void the_ports_of_the_last_up_are_found_again_by_the_other_commands() {
        StackConfig started = StackConfig.defaults(dir, dir)
                .withPorts(Ports.defaults().with("gateway", 19080).with(Ports.CONTROLLER, 19093))
                .withStoreHeap("2g");
        SavedSettings.save(started);

        StackConfig found = SavedSettings.restore(StackConfig.defaults(dir, dir));

        assertThat(found.port(Component.GATEWAY)).isEqualTo(19080);
        assertThat(found.kafkaControllerPort()).isEqualTo(19093);
        assertThat(found.port(Component.AUTH)).isEqualTo(9081);
        assertThat(found.storeHeap())
                .as("the supervisor restarts the store as up started it")
                .isEqualTo("2g");
    }

    @Test
    void up_takes_each_port_from_its_variable_and_the_port_option_wins() {
        var options = new LaunchOptions();
        options.startTimeout = 180;
        options.ports = Map.of("gateway", 19080, "kafka-controller", 19093, "order-service", 19085);
        Map<String, String> env = Map.of("STACK_GATEWAY_PORT", "29080", "STACK_MONGO_PORT", "29017");

        StackConfig config = options.apply(StackConfig.defaults(dir, dir), env, () -> 1);

        assertThat(config.port(Component.GATEWAY))
                .as("--port beats the variable")
                .isEqualTo(19080);
        assertThat(config.port(Component.MONGO)).isEqualTo(29017);
        assertThat(config.port(Component.ORDER)).isEqualTo(19085);
        assertThat(config.kafkaControllerPort()).isEqualTo(19093);
        assertThat(config.port(Component.AUTH)).isEqualTo(9081);
    }

    @Test
    void the_command_line_takes_repeated_port_options_and_every_command_its_location() {
        CommandLine cli = new CommandLine(new StackCli());
        cli.parseArgs("up", "--port", "gateway=19080", "--port", "kafka-controller=19093", "--data-dir", "d");
        UpCommand up = cli.getSubcommands().get("up").getCommand();
        cli.parseArgs("status", "--data-dir", "elsewhere");
        StackCli.Status status = cli.getSubcommands().get("status").getCommand();

        assertThat(up.launch.ports).containsEntry("gateway", 19080).containsEntry("kafka-controller", 19093);
        assertThat(up.location.dataDir).isEqualTo(Path.of("d"));
        assertThat(status.location.dataDir).isEqualTo(Path.of("elsewhere"));
    }

    @Test
    void an_unknown_port_name_or_a_port_out_of_range_is_refused_with_its_name() {
        var unknown = new LaunchOptions();
        unknown.ports = Map.of("gatewy", 19080);
        var outOfRange = new LaunchOptions();
        outOfRange.ports = Map.of("kafka", 70_000);

        assertThatThrownBy(() -> unknown.apply(StackConfig.defaults(dir, dir), Map.of(), () -> 1))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("gatewy");
        assertThatThrownBy(() -> outOfRange.apply(StackConfig.defaults(dir, dir), Map.of(), () -> 1))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("kafka=70000");
    }

    @Test
    void up_options_turn_off_seed_warm_up_cache_and_zipkin_and_quick_start_adds_c1_only() {
        var options = new LaunchOptions();
        options.noSeed = true;
        options.noWarmUp = true;
        options.noStartupCache = true;
        options.quickStart = true;
        options.startTimeout = 60;

        StackConfig config = options.apply(StackConfig.defaults(dir, dir), Map.of("STACK_ZIPKIN", "off"), () -> 3);

        assertThat(config.seed()).isFalse();
        assertThat(config.warmUp()).isFalse();
        assertThat(config.startupCache()).isFalse();
        assertThat(config.zipkin()).isFalse();
        assertThat(config.replicas()).as("the running stack's replicas").isEqualTo(3);
        assertThat(config.startTimeout()).hasSeconds(60);
        assertThat(config.serviceJavaOpts()).endsWith("-XX:TieredStopAtLevel=1");
    }

    @Test
    void the_store_gets_a_quarter_of_the_machine_within_its_bounds_and_the_option_wins() {
        long gib = 1024L * 1024 * 1024;
        var options = new LaunchOptions();
        options.storeHeap = " 3g ";
        var malformed = new LaunchOptions();
        malformed.storeHeap = "3 GiB";

        assertThat(StackConfig.storeHeapFor(24 * gib)).isEqualTo("6144m");
        assertThat(StackConfig.storeHeapFor(4 * gib))
                .as("never below the floor")
                .isEqualTo("1536m");
        assertThat(StackConfig.storeHeapFor(128 * gib))
                .as("never above the cap")
                .isEqualTo("8192m");
        assertThat(StackConfig.defaults(dir, dir).storeHeap())
                .isEqualTo(StackConfig.storeHeapFor(Jdk.physicalMemory()));
        assertThat(options.apply(StackConfig.defaults(dir, dir), Map.of(), () -> 1)
                        .storeHeap())
                .isEqualTo("3g");
        assertThatThrownBy(() -> malformed.apply(StackConfig.defaults(dir, dir), Map.of(), () -> 1))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("3 GiB");
    }

    @Test
    void without_a_start_timeout_each_replica_gets_its_own_share_of_the_first_start() {
        var options = new LaunchOptions();

        StackConfig one = options.apply(StackConfig.defaults(dir, dir), Map.of(), () -> 1);
        StackConfig two = options.apply(StackConfig.defaults(dir, dir), Map.of(), () -> 2);

        assertThat(one.startTimeout()).hasSeconds(180);
        assertThat(two.startTimeout())
                .as("two replicas start twice as many JVMs")
                .hasSeconds(360);
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
