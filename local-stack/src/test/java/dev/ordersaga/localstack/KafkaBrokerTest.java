package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

    @TempDir
    Path dir;

    private KafkaBroker broker() throws Exception {
        Path libs = Files.createDirectories(dir.resolve("kafka-libs"));
        return new KafkaBroker(StackConfig.defaults(dir, libs)
                .withPorts(Ports.defaults().with("kafka", 19092).with(Ports.CONTROLLER, 19093)));
    }

    @Test
    void the_broker_is_one_kraft_node_with_replication_factor_one_and_data_under_the_stack_dir() throws Exception {
        String props = broker().properties();

        assertThat(props)
                .contains("process.roles=broker,controller")
                .contains("controller.quorum.voters=1@127.0.0.1:19093")
                .contains("listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .contains("advertised.listeners=PLAINTEXT://localhost:19092")
                .contains("offsets.topic.replication.factor=1")
                .contains("group.min.session.timeout.ms=" + KafkaBroker.MIN_SESSION_TIMEOUT.toMillis())
                .contains("num.network.threads=1")
                .contains("num.io.threads=2")
                .contains("log.dirs=" + dir.resolve(".stack").resolve("kafka").resolve("data"));
    }

    @Test
    void every_listener_is_bound_to_the_loopback_interface_only() throws Exception {
        String listeners = broker().properties()
                .lines()
                .filter(line -> line.startsWith("listeners="))
                .findFirst()
                .orElseThrow();

        // an unauthenticated broker: a wildcard or host name here would open it to the network
        assertThat(listeners.substring("listeners=".length()).split(","))
                .isNotEmpty()
                .allSatisfy(listener -> assertThat(listener).matches("[A-Z]+://127\\.0\\.0\\.1:\\d+"));
        assertThat(broker().properties()).contains("controller.quorum.voters=1@127.0.0.1:");
    }

    @Test
    void the_acl_tool_has_a_short_name() throws Exception {
        assertThat(broker().toolCommand("acls", List.of("--list")))
                .containsSubsequence(
                        "org.apache.kafka.tools.AclCommand", "--bootstrap-server", "localhost:19092", "--list");
    }

    @Test
    void the_broker_runs_from_the_kafka_libs_directory_not_the_launcher_class_path() throws Exception {
        List<String> command = broker().startCommand();

        assertThat(command).contains("-Xmx512m", "kafka.Kafka");
        assertThat(command.get(command.indexOf("-cp") + 1)).endsWith("kafka-libs/*");
        assertThat(command).anyMatch(arg -> arg.startsWith("-D" + Processes.MARKER + "=kafka@"));
    }

    @Test
    void tools_have_short_names_and_get_the_bootstrap_server_unless_given() throws Exception {
        List<String> consumer = broker().toolCommand("console-consumer", List.of("--topic", "t"));
        assertThat(consumer)
                .containsSubsequence(
                        "org.apache.kafka.tools.consumer.ConsoleConsumer",
                        "--bootstrap-server",
                        "localhost:19092",
                        "--topic",
                        "t");

        List<String> topics = broker().toolCommand("topics", List.of("--bootstrap-server", "elsewhere:1", "--list"));
        assertThat(topics)
                .containsSubsequence("org.apache.kafka.tools.TopicCommand", "--bootstrap-server", "elsewhere:1");
        assertThat(topics).doesNotContain("localhost:19092");

        assertThat(broker().toolCommand("consumer-groups", List.of("--help")))
                .endsWith("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", "--help");
        assertThatThrownBy(() -> broker().toolCommand("nope", List.of())).hasMessageContaining("console-consumer");
    }

    @Test
    void cluster_ids_are_sixteen_random_bytes_in_url_safe_base64() {
        String id = KafkaBroker.newClusterId();

        assertThat(id).hasSize(22).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
        assertThat(KafkaBroker.newClusterId()).isNotEqualTo(id);
    }

    @Test
    void a_cluster_id_never_starts_with_a_dash_which_the_format_tool_would_read_as_an_option() {
        // one id in 64 would start with '-' by chance; 2,000 draws miss that with probability ~1e-14
        for (int i = 0; i < 2_000; i++) {
            assertThat(KafkaBroker.newClusterId()).doesNotStartWith("-");
        }
    }

    @Test
    void missing_kafka_jars_are_reported_with_the_build_command() {
        KafkaBroker broker = new KafkaBroker(StackConfig.defaults(dir, dir.resolve("absent")));

        assertThatThrownBy(broker::startCommand)
                .isInstanceOf(StackException.class)
                .hasMessageContaining("./mvnw");
    }
}
