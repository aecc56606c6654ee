package dev.ordersaga.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real single-node Kafka broker in KRaft combined mode (broker and controller in one JVM), run
 * from the Apache Kafka jars in {@code kafka-libs}: formatted once with {@code StorageTool}, then
 * {@code kafka.Kafka server.properties}. Data and logs live under the stack's data directory.
 *
 * <p>Every listener is bound to 127.0.0.1: this broker has no authentication (the compose broker has
 * SASL/SCRAM and ACLs, see compose/kafka-setup.sh), so nothing but this machine may reach it.
 */
public final class KafkaBroker {

    /** Short names for the Kafka command-line tools (Kafka 4.x class names). */
    public static final Map<String, String> TOOLS = tools();

    /** The shortest consumer session this broker accepts ({@code group.min.session.timeout.ms}; Kafka's is 6 s). */
    public static final Duration MIN_SESSION_TIMEOUT = Duration.ofSeconds(2);

    /** The broker's network threads (Kafka's default 3). */
    static final int NETWORK_THREADS = 1;

    /** The broker's request handler threads (Kafka's default 8). */
    static final int IO_THREADS = 2;

    private final StackConfig config;

    public KafkaBroker(StackConfig config) {
        this.config = config;
    }

    private static Map<String, String> tools() {
        Map<String, String> tools = new LinkedHashMap<>();
        tools.put("console-consumer", "org.apache.kafka.tools.consumer.ConsoleConsumer");
        tools.put("console-producer", "org.apache.kafka.tools.ConsoleProducer");
        tools.put("topics", "org.apache.kafka.tools.TopicCommand");
        tools.put("consumer-groups", "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand");
        tools.put("get-offsets", "org.apache.kafka.tools.GetOffsetShell");
        tools.put("configs", "kafka.admin.ConfigCommand");
        tools.put("acls", "org.apache.kafka.tools.AclCommand");
        tools.put("metadata-quorum", "org.apache.kafka.tools.MetadataQuorumCommand");
        tools.put("cluster", "org.apache.kafka.tools.ClusterTool");
        return Map.copyOf(tools);
    }

    public Path home() {
        return config.dataDir().resolve("kafka");
    }

    public Path dataDir() {
        return home().resolve("data");
    }

    public Path propertiesFile() {
        return home().resolve("server.properties");
    }

    /** The broker's settings: one node, replication factor 1 everywhere, 6 partitions per topic. */
    public String properties() {
        int port = config.port(Component.KAFKA);
        int controller = config.kafkaControllerPort();
        return String.join(
                        "\n",
                        "# written by ./stack up on every start (ports may change); data stays in data/",
                        "process.roles=broker,controller",
                        "node.id=1",
                        "controller.quorum.voters=1@127.0.0.1:" + controller,
                        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                        "advertised.listeners=PLAINTEXT://localhost:" + port,
                        "controller.listener.names=CONTROLLER",
                        "inter.broker.listener.name=PLAINTEXT",
                        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                        "log.dirs=" + dataDir().toAbsolutePath(),
                        "num.partitions=6",
                        "default.replication.factor=1",
                        "offsets.topic.replication.factor=1",
                        "offsets.topic.num.partitions=10",
                        "transaction.state.log.replication.factor=1",
                        "transaction.state.log.min.isr=1",
                        "share.coordinator.state.topic.replication.factor=1",
                        "share.coordinator.state.topic.min.isr=1",
                        "group.initial.rebalance.delay.ms=0",
                        // the services' consumers may ask for a session shorter than Kafka's 6 s floor
                        // (saga.kafka.session-timeout): a dead instance's partitions move sooner
                        "group.min.session.timeout.ms=" + MIN_SESSION_TIMEOUT.toMillis(),
                        // sized for a laptop, not a cluster: Kafka's 3 network and 8 request threads
                        // hand every request between threads that then wait for one another
                        "num.network.threads=" + NETWORK_THREADS,
                        "num.io.threads=" + IO_THREADS,
                        "auto.create.topics.enable=true",
                        "log.retention.hours=168",
                        "log.segment.bytes=67108864",
                        "")
                .replace("\\", "/");
    }

    /** Writes the properties; on the very first start formats the storage with a new cluster id. */
    public void prepare(Path log) {
        try {
            Files.createDirectories(dataDir());
            Files.writeString(propertiesFile(), properties());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Files.exists(dataDir().resolve("meta.properties"))) {
            return;
        }
        List<String> format = formatCommand(propertiesFile(), newClusterId());
        int exit = Processes.run(format, config.root(), log, Duration.ofSeconds(120));
        if (exit != 0) {
            throw new StackException("formatting the Kafka storage failed (exit " + exit + "); see " + log);
        }
    }

    /** Formats the storage named by a server.properties with a cluster id, unless it is formatted already. */
    public List<String> formatCommand(Path properties, String clusterId) {
        List<String> format = new ArrayList<>(javaCommand("-Xmx256m"));
        format.addAll(List.of(
                "kafka.tools.StorageTool",
                "format",
                "--cluster-id=" + clusterId,
                "-c",
                properties.toString(),
                "--ignore-formatted"));
        return format;
    }

    /** The broker's command line. */
    public List<String> startCommand() {
        List<String> command = new ArrayList<>(javaCommand("-Xms64m", "-Xmx512m"));
        command.add(1, Processes.marker(Component.KAFKA, config.dataDir()));
        command.addAll(1, StartupCache.options(config, "kafka"));
        command.add("kafka.Kafka");
        command.add(propertiesFile().toString());
        return command;
    }

    /** A Kafka command-line tool against this broker; adds {@code --bootstrap-server} unless given. */
    public List<String> toolCommand(String tool, List<String> args) {
        String mainClass = TOOLS.getOrDefault(tool, tool.contains(".") ? tool : null);
        if (mainClass == null) {
            throw new StackException("unknown Kafka tool '" + tool + "'; one of "
                    + TOOLS.keySet().stream().sorted().toList() + " or a fully qualified class name");
        }
        List<String> command =
                new ArrayList<>(javaCommand("-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        command.add(mainClass);
        command.addAll(withBootstrap(args, config.kafkaBootstrap()));
        return command;
    }

    static List<String> withBootstrap(List<String> args, String bootstrap) {
        boolean given =
                args.stream().anyMatch(a -> a.equals("--bootstrap-server") || a.startsWith("--bootstrap-server="));
        boolean help = args.stream().anyMatch(a -> a.equals("--help") || a.equals("--version"));
        if (given || help) {
            return args;
        }
        List<String> withBootstrap = new ArrayList<>(List.of("--bootstrap-server", bootstrap));
        withBootstrap.addAll(args);
        return withBootstrap;
    }

    /** {@code java <options> -cp kafka-libs/*}: the broker and its tools never share the launcher's class path. */
    List<String> javaCommand(String... options) {
        Path libs = config.kafkaLibs();
        if (libs == null || !Files.isDirectory(libs)) {
            throw new StackException("the Kafka jars are missing (" + libs
                    + "); build the launcher: ./mvnw -B -DskipTests -pl local-stack -am package");
        }
        List<String> command = new ArrayList<>();
        command.add(Jdk.javaBinary());
        command.addAll(List.of(options));
        command.add("-XX:+UseSerialGC");
        command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        command.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS");
        command.add("-Dorg.slf4j.simpleLogger.log.kafka.log=warn");
        command.add("-Dorg.slf4j.simpleLogger.log.org.apache.kafka.storage=warn");
        command.add("-Dlog4j2.level=warn");
        command.add("-cp");
        command.add(libs.toAbsolutePath() + "/*");
        return command;
    }

    /**
     * A Kafka cluster id: 16 random bytes, URL-safe base64 without padding (Kafka's Uuid format). Like Kafka's own
     * {@code Uuid.randomUuid()} it never starts with '-', which a command line would read as an option (one start
     * in 64 failed that way).
     */
    static String newClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            bytes[0] |= 0x10; // never the reserved all-zero or metadata-topic ids
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }
}
