package dev.ordersaga.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.ordersaga.events.EventHeaders;
import dev.ordersaga.events.Topics;
import dev.ordersaga.localstack.ComposeKafkaSecurity.ToolRun;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compose broker's security on a real broker, without Docker: a KRaft node from the Apache Kafka jars
 * (as {@link KafkaBroker} runs it) configured from docker-compose.yml's kafka container (its listeners, SASL
 * and authorizer settings, ports moved to free ones on 127.0.0.1), set up by running the commands of the
 * script the kafka-setup container runs, and talked to with the client settings compose gives each service.
 * So the ACLs tested are the ones compose applies: a change to either shows here.
 */
class SecuredBrokerIT {

    private static final Duration QUICK = Duration.ofSeconds(3);
    private static final SecuredBroker broker = new SecuredBroker();

    @BeforeAll
    static void startTheBrokerAsComposeConfiguresIt() throws Exception {
        broker.start();
    }

    @AfterAll
    static void stopTheBroker() {
        broker.stop();
    }

    @Test
    void a_forged_PaymentCompleted_from_the_customer_service_principal_is_refused() {
        try (var producer = broker.producer("customer-service")) {
            Throwable refused = catchThrowable(
                    () -> producer.send(paymentCompleted("forged-1")).get(10, TimeUnit.SECONDS));

            assertThat(refused).hasRootCauseInstanceOf(TopicAuthorizationException.class);
            assertThat(refused.getCause()).hasMessageContaining(Topics.PAYMENT_EVENTS);
        }
        assertThat(broker.keysOn(Topics.PAYMENT_EVENTS)).doesNotContain("forged-1");
    }

    @Test
    void a_forged_PaymentCompleted_from_a_client_without_credentials_is_refused() {
        Map<String, Object> plaintext = new HashMap<>(broker.bootstrap());
        plaintext.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) QUICK.toMillis());
        try (var producer = new KafkaProducer<>(plaintext, new StringSerializer(), new StringSerializer())) {
            // The SASL listener drops a connection that sends anything but the SASL handshake: no metadata, no write.
            Throwable refused = catchThrowable(
                    () -> producer.send(paymentCompleted("forged-2")).get(10, TimeUnit.SECONDS));

            assertThat(refused).isInstanceOf(ExecutionException.class);
            assertThat(refused.getCause())
                    .isInstanceOf(TimeoutException.class)
                    .hasMessageContaining(Topics.PAYMENT_EVENTS + " not present in metadata");
        }
        assertThat(broker.keysOn(Topics.PAYMENT_EVENTS)).doesNotContain("forged-2");
    }

    @Test
    void the_payment_service_principal_with_a_wrong_password_is_refused() {
        Map<String, Object> client = broker.clientOf("payment-service");
        client.put(
                "sasl.jaas.config",
                String.valueOf(client.get("sasl.jaas.config"))
                        .replaceFirst("password=\"[^\"]*\"", "password=\"guessed-password\""));
        client.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) QUICK.toMillis());
        try (var producer = new KafkaProducer<>(client, new StringSerializer(), new StringSerializer())) {
            Throwable refused = catchThrowable(
                    () -> producer.send(paymentCompleted("forged-3")).get(10, TimeUnit.SECONDS));

            assertThat(refused).hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
        assertThat(broker.keysOn(Topics.PAYMENT_EVENTS)).doesNotContain("forged-3");
    }

    @Test
    void the_payment_services_own_PaymentCompleted_is_accepted_and_the_console_principal_reads_it() throws Exception {
        String orderId = "paid-" + UUID.randomUUID();
        RecordMetadata written;
        try (var producer = broker.producer("payment-service")) {
            written = producer.send(paymentCompleted(orderId)).get(10, TimeUnit.SECONDS);
        }
        assertThat(written.topic()).isEqualTo(Topics.PAYMENT_EVENTS);
        assertThat(written.offset()).isNotNegative();

        assertThat(broker.keysOn(Topics.PAYMENT_EVENTS)).contains(orderId);
    }

    @Test
    void the_console_principal_cannot_write() {
        // kafka-console-producer is idempotent by default: without WRITE anywhere it gets no producer id at all
        try (var producer = broker.producer("console")) {
            Throwable refused = catchThrowable(
                    () -> producer.send(paymentCompleted("forged-4")).get(10, TimeUnit.SECONDS));

            assertThat(refused).hasRootCauseInstanceOf(ClusterAuthorizationException.class);
        }
        // and without idempotence the topic itself refuses
        Map<String, Object> plain = broker.clientOf("console");
        plain.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        plain.put(ProducerConfig.ACKS_CONFIG, "1");
        try (var producer = new KafkaProducer<>(plain, new StringSerializer(), new StringSerializer())) {
            Throwable refused = catchThrowable(
                    () -> producer.send(paymentCompleted("forged-5")).get(10, TimeUnit.SECONDS));

            assertThat(refused).hasRootCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void a_service_reading_a_topic_it_does_not_consume_is_refused() {
        // customer-service consumes user-events and order-requests; payments are none of its business
        try (var consumer = broker.consumer("customer-service", "customer-service")) {
            consumer.subscribe(List.of(Topics.PAYMENT_EVENTS));

            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(TopicAuthorizationException.class)
                    .hasMessageContaining(Topics.PAYMENT_EVENTS);
        }
    }

    @Test
    void a_service_using_another_services_consumer_group_is_refused() {
        // the gateway may use its own gateway-<random> groups, not order-service's (it would steal its partitions)
        try (var consumer = broker.consumer("gateway", "order-service")) {
            consumer.subscribe(List.of(Topics.ORDER_REPLIES));

            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void every_service_writes_exactly_the_topics_compose_grants_it() throws Exception {
        List<String> everyTopic = new ArrayList<>();
        Topics.ALL.forEach(t -> {
            everyTopic.add(t);
            everyTopic.add(Topics.deadLetter(t));
        });
        Map<String, List<String>> unexpected = new LinkedHashMap<>();
        List<String> services = broker.compose.servicesWithKafkaCredentials();
        assertThat(services)
                .containsAll(List.of(
                        "gateway",
                        "auth-service",
                        "customer-service",
                        "inventory-service",
                        "payment-service",
                        "order-service"));
        for (String service : services) {
            Set<String> granted = broker.compose.writableTopics("User:" + service);
            assertThat(granted).as("%s is granted no topic to write", service).isNotEmpty();
            try (var producer = broker.producer(service)) {
                for (String topic : everyTopic) {
                    Throwable failure = catchThrowable(() -> producer.send(new ProducerRecord<>(topic, "probe", "{}"))
                            .get(10, TimeUnit.SECONDS));
                    boolean accepted = failure == null;
                    if (accepted != granted.contains(topic)) {
                        unexpected
                                .computeIfAbsent(service, s -> new ArrayList<>())
                                .add(topic + (accepted ? " accepted" : " refused: " + failure));
                    }
                }
            }
        }
        assertThat(unexpected)
                .as("writes that went otherwise than compose/kafka-setup.sh's ACLs say")
                .isEmpty();
    }

    private static ProducerRecord<String, String> paymentCompleted(String orderId) {
        String json = """
                {"type":"PaymentCompleted","event_id":"%s","order_id":"%s","correlation_id":"%s",\
                "occurred_at":"%s","payment_id":"pay-1","amount":{"amount":"59.97","currency":"EUR"}}""".formatted(UUID.randomUUID(), orderId, UUID.randomUUID(), Instant.now());
        var record = new ProducerRecord<>(Topics.PAYMENT_EVENTS, orderId, json);
        record.headers().add(EventHeaders.TYPE, "PaymentCompleted".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** The broker process, its ports, the test passwords, and clients for each principal. */
    static final class SecuredBroker {

        private static final Pattern LISTENER = Pattern.compile("(\\w+)://([^:,]*):(\\d+)");

        private final Map<String, String> variables = new LinkedHashMap<>();
        private Map<String, String> users = Map.of();
        private ComposeKafkaSecurity compose;
        private Process process;
        private int servicesPort;
        private Path log;
        private Path dir;

        void start() throws Exception {
            Path root = Path.of(System.getProperty("stack.repo-root", ".."))
                    .toAbsolutePath()
                    .normalize();
            Path libs = Path.of(System.getProperty("stack.kafka-libs", "target/kafka-libs"))
                    .toAbsolutePath();
            compose = ComposeKafkaSecurity.load(root);
            dir = Files.createTempDirectory("secured-broker");
            log = dir.resolve("kafka.log");
            KafkaBroker launcher = new KafkaBroker(StackConfig.defaults(dir, libs));

            // a random password per principal, as an operator's .env would give
            users = compose.users();
            for (String variable : users.values()) {
                variables.put(variable, UUID.randomUUID().toString().replace("-", ""));
            }

            // compose's broker settings, every listener moved to a free port of 127.0.0.1
            Map<String, String> properties = compose.brokerProperties(variables);
            String listeners = properties.get("listeners");
            String advertised = properties.get("advertised.listeners");
            Map<String, Integer> ports = new LinkedHashMap<>();
            Matcher listener = LISTENER.matcher(listeners);
            while (listener.find()) {
                ports.put(listener.group(1), freePort());
            }
            properties.put("listeners", rebound(listeners, ports));
            properties.put("advertised.listeners", rebound(advertised, ports));
            properties.put(
                    "controller.quorum.voters",
                    properties.get("node.id") + "@127.0.0.1:" + ports.get(properties.get("controller.listener.names")));
            properties.put("log.dirs", dir.resolve("data").toString());
            // test-only speed: one partition for the offsets topic instead of 50 (not a security setting)
            properties.put("offsets.topic.num.partitions", "1");
            servicesPort = ports.get(listenerNamed(advertised, "kafka", null));
            String setupAddress = Files.readAllLines(compose.setupScript()).stream()
                    .filter(l -> l.startsWith("broker="))
                    .map(l -> l.substring("broker=".length()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(compose.setupScript() + " has no broker= line"));
            String[] hostPort = setupAddress.split(":");
            int localPort = ports.get(listenerNamed(listeners, hostPort[0], hostPort[1]));

            Path file = dir.resolve("server.properties");
            Properties written = new Properties();
            written.putAll(properties);
            try (var out = Files.newBufferedWriter(file)) {
                written.store(out, "docker-compose.yml's kafka container, listeners moved to free ports of 127.0.0.1");
            }
            int formatted = new ProcessBuilder(launcher.formatCommand(file, KafkaBroker.newClusterId()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start()
                    .waitFor();
            assertThat(formatted).as("formatting the storage, see %s", log).isZero();
            List<String> command = new ArrayList<>(launcher.javaCommand("-Xms64m", "-Xmx512m"));
            command.add("kafka.Kafka");
            command.add(file.toString());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(this::stop));

            String local = "127.0.0.1:" + localPort;
            awaitBroker(local);
            variables.put("broker", local);
            runSetup();
        }

        void stop() {
            if (process != null && process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(20, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
            if (dir != null && (process == null || !process.isAlive())) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    // a temporary directory: left behind at worst
                }
                dir = null;
            }
        }

        private static String rebound(String listeners, Map<String, Integer> ports) {
            List<String> rebound = new ArrayList<>();
            Matcher listener = LISTENER.matcher(listeners);
            while (listener.find()) {
                rebound.add(listener.group(1) + "://127.0.0.1:" + ports.get(listener.group(1)));
            }
            return String.join(",", rebound);
        }

        /** The name of the listener at host (and port, unless null) in a compose listener list. */
        private static String listenerNamed(String listeners, String host, String port) {
            Matcher listener = LISTENER.matcher(listeners);
            while (listener.find()) {
                if (listener.group(2).equals(host)
                        && (port == null || listener.group(3).equals(port))) {
                    return listener.group(1);
                }
            }
            throw new IllegalStateException("no listener at " + host + ":" + port + " in " + listeners);
        }

        private void awaitBroker(String local) {
            await().atMost(Duration.ofSeconds(45))
                    .pollInterval(Duration.ofMillis(300))
                    .failFast("the broker exited, see " + log, () -> !process.isAlive())
                    .ignoreExceptions()
                    .until(() -> {
                        try (Admin admin = Admin.create(Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, local,
                                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000,
                                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000))) {
                            return !admin.describeCluster()
                                    .nodes()
                                    .get(2, TimeUnit.SECONDS)
                                    .isEmpty();
                        }
                    });
        }

        /** The kafka-setup script's tool runs, in this JVM (the tools' own main classes, exit codes checked). */
        private void runSetup() throws Exception {
            List<ToolRun> runs = compose.toolRuns(variables);
            assertThat(runs).as("tool runs of %s", compose.setupScript()).isNotEmpty();
            Exit.setExitProcedure((status, message) -> {
                if (status != 0) {
                    throw new IllegalStateException("exit " + status + (message == null ? "" : ": " + message));
                }
            });
            try {
                for (ToolRun run : runs) {
                    Method main = Class.forName(run.mainClass()).getMethod("main", String[].class);
                    try {
                        main.invoke(null, (Object) run.args().toArray(String[]::new));
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw new IllegalStateException(
                                compose.setupScript() + ": `" + run.call() + "` failed", e.getCause());
                    }
                }
            } finally {
                Exit.resetExitProcedure();
            }
        }

        Map<String, Object> bootstrap() {
            return new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + servicesPort));
        }

        /** The client settings compose gives a service, or the console principal's as the README documents them. */
        Map<String, Object> clientOf(String principal) {
            Map<String, Object> client = bootstrap();
            if (principal.equals("console")) {
                client.putAll(compose.clientProperties("payment-service", variables));
                client.put(
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"console\" password=\""
                                + variables.get(users.get("console")) + "\";");
            } else {
                client.putAll(compose.clientProperties(principal, variables));
            }
            return client;
        }

        /**
         * The keys of every record on a topic, read as the console principal with a group named as
         * {@code kafka-console-consumer} names its own ({@code console-consumer-<n>}).
         */
        List<String> keysOn(String topic) {
            try (var consumer = consumer("console", "console-consumer-" + System.nanoTime())) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                List<String> keys = new ArrayList<>();
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
                    return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
                });
                return keys;
            }
        }

        KafkaProducer<String, String> producer(String principal) {
            Map<String, Object> client = clientOf(principal);
            client.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
            client.put(ProducerConfig.ACKS_CONFIG, "all");
            client.put(
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true); // as the services: needs only WRITE on the topic
            client.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            return new KafkaProducer<>(client, new StringSerializer(), new StringSerializer());
        }

        KafkaConsumer<String, String> consumer(String principal, String group) {
            Map<String, Object> client = clientOf(principal);
            client.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            client.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            return new KafkaConsumer<>(client, new StringDeserializer(), new StringDeserializer());
        }

        private String tail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }
}
