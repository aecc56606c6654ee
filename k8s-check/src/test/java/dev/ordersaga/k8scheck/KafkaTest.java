package dev.ordersaga.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.configreaders.Durations;
import dev.ordersaga.configreaders.Repo;
import dev.ordersaga.configreaders.ServiceConfig;
import dev.ordersaga.events.Topics;
import dev.ordersaga.k8scheck.Overlay.Variable;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Strimzi resources of each overlay against the code: the topics of events-schema, three
 * replicas acknowledged by two where there are three brokers (one replica on dev's single node),
 * and each service on the SCRAM listener as its own KafkaUser.
 */
class KafkaTest {

    /** Replicas of every topic where the cluster has that many brokers; a one-node cluster has one. */
    static final int REPLICAS = 3;

    /** The replicas a topic of this overlay must have: three, or one on a single broker (dev). */
    static int replicas(Overlay overlay) {
        return brokers(overlay) >= REPLICAS ? REPLICAS : 1;
    }

    /** In-sync replicas a write waits for: all but one, at least one. */
    static int minInSync(Overlay overlay) {
        return Math.max(1, replicas(overlay) - 1);
    }

    static int brokers(Overlay overlay) {
        String cluster = kafka(overlay).getMetadata().getName();
        return overlay.custom("KafkaNodePool").stream()
                .filter(p -> Custom.cluster(p).equals(cluster))
                .filter(p -> roles(p).contains("broker"))
                .mapToInt(p -> Custom.number(p, "spec", "replicas").orElse(0))
                .sum();
    }

    static Stream<String> overlays() {
        return Overlay.names();
    }

    static Stream<Arguments> overlaysAndServices() {
        return Services.overlaysAndServices();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void topicsAreTheTopicsOfTheCodeAndTheirDeadLetterTopics(String overlayName) {
        Overlay overlay = Overlay.render(overlayName);
        Set<String> expected = new TreeSet<>();
        Topics.ALL.forEach(t -> {
            expected.add(t);
            expected.add(Topics.deadLetter(t));
        });
        Set<String> declared = overlay.custom("KafkaTopic").stream()
                .map(KafkaTest::topicName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(declared)
                .withFailMessage(
                        "%s: the KafkaTopics are %s; events-schema's Topics.ALL and their dead-letter topics are %s"
                                + " (missing %s, unknown %s)",
                        overlayName, declared, expected, difference(expected, declared), difference(declared, expected))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyTopicHasTheSagaPartitionCountAndTheOverlaysReplicasOnTheCluster(String overlayName) {
        Overlay overlay = Overlay.render(overlayName);
        String cluster = kafka(overlay).getMetadata().getName();
        int replicas = replicas(overlay);
        int partitions = sagaPartitions(overlay);
        var softly = new SoftAssertions();
        for (GenericKubernetesResource topic : overlay.custom("KafkaTopic")) {
            softly.assertThat(Custom.number(topic, "spec", "partitions"))
                    .withFailMessage(
                            "%s: topic %s has %s partitions; the saga's topics are co-partitioned with"
                                    + " SAGA_KAFKA_PARTITIONS=%s",
                            overlayName, topicName(topic), Custom.text(topic, "spec", "partitions"), partitions)
                    .contains(partitions);
            softly.assertThat(Custom.number(topic, "spec", "replicas"))
                    .withFailMessage(
                            "%s: topic %s has %s replicas, expected %s",
                            overlayName, topicName(topic), Custom.text(topic, "spec", "replicas"), replicas)
                    .contains(replicas);
            softly.assertThat(Custom.cluster(topic))
                    .as("%s: strimzi.io/cluster of topic %s", overlayName, topicName(topic))
                    .isEqualTo(cluster);
        }
        softly.assertAll();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("overlaysAndServices")
    void servicesAreToldTheTopicsShape(String overlayName, String service) {
        Overlay overlay = Overlay.render(overlayName);
        Map<String, String> environment = DeploymentsTest.literals(overlay.environment(overlay.container(service)));
        int partitions = topicPartitions(overlay);
        assertThat(environment.get("SAGA_KAFKA_PARTITIONS"))
                .withFailMessage(
                        "%s: %s has SAGA_KAFKA_PARTITIONS=%s, the KafkaTopics have %s partitions",
                        overlayName, service, environment.get("SAGA_KAFKA_PARTITIONS"), partitions)
                .isEqualTo(String.valueOf(partitions));
        assertThat(environment.get("SAGA_KAFKA_REPLICATION_FACTOR"))
                .withFailMessage(
                        "%s: %s has SAGA_KAFKA_REPLICATION_FACTOR=%s, the KafkaTopics have %s replicas",
                        overlayName, service, environment.get("SAGA_KAFKA_REPLICATION_FACTOR"), replicas(overlay))
                .isEqualTo(String.valueOf(replicas(overlay)));
    }

    /** The services with saga consumers: those built on saga-runtime. */
    static Stream<Arguments> overlaysAndSagaServices() {
        return overlaysAndServices().filter(a -> ServiceConfig.usesSagaRuntime((String) a.get()[1]));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("overlaysAndSagaServices")
    void consumersSessionIsOneTheBrokersAcceptAndEndsWithinTheGatewaysHopTimeout(String overlayName, String service) {
        Overlay overlay = Overlay.render(overlayName);
        Map<String, Object> config = Custom.map(kafka(overlay), "spec", "kafka", "config");
        // Kafka's group.min.session.timeout.ms is 6 s unless the brokers lower it; a shorter session is refused
        long brokerMinimum =
                Long.parseLong(String.valueOf(config.getOrDefault("group.min.session.timeout.ms", "6000")));
        long hop = Durations.parse(DeploymentsTest.literals(overlay.environment(overlay.container("gateway")))
                        .getOrDefault("SAGA_HOP_TIMEOUT", "5s"))
                .toMillis();
        // unset, the services' default (saga-runtime's KafkaSettings) is 6 s
        String session = DeploymentsTest.literals(overlay.environment(overlay.container(service)))
                .getOrDefault("SAGA_KAFKA_SESSION_TIMEOUT", "6s");
        assertThat(Durations.parse(session).toMillis())
                .withFailMessage(
                        "%s: %s has SAGA_KAFKA_SESSION_TIMEOUT=%s; it must be at least the brokers'"
                                + " group.min.session.timeout.ms (%s ms) and shorter than the gateway's SAGA_HOP_TIMEOUT"
                                + " (%s ms), so a dead pod's partitions move before its orders' hops time out",
                        overlayName, service, session, brokerMinimum, hop)
                .isBetween(brokerMinimum, hop - 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void brokersInKraftModeReplicateThreeWaysAndAcknowledgeWithTwoOrRunAsOneDevNode(String overlayName) {
        Overlay overlay = Overlay.render(overlayName);
        GenericKubernetesResource kafka = kafka(overlay);
        String cluster = kafka.getMetadata().getName();
        Map<String, Object> config = Custom.map(kafka, "spec", "kafka", "config");
        int replicas = replicas(overlay);
        var softly = new SoftAssertions();
        softly.assertThat(Custom.text(kafka, "spec", "kafka", "version"))
                .as("%s: Kafka %s runs the clients' version (kafka.version in the root pom)", overlayName, cluster)
                .isEqualTo(Repo.rootPomProperty("kafka.version"));
        for (String key : List.of(
                "default.replication.factor",
                "offsets.topic.replication.factor",
                "transaction.state.log.replication.factor",
                "share.coordinator.state.topic.replication.factor")) {
            softly.assertThat(String.valueOf(config.get(key)))
                    .as("%s: Kafka %s %s with %s brokers", overlayName, cluster, key, brokers(overlay))
                    .isEqualTo(String.valueOf(replicas));
        }
        for (String key : List.of(
                "min.insync.replicas", "transaction.state.log.min.isr", "share.coordinator.state.topic.min.isr")) {
            softly.assertThat(String.valueOf(config.get(key)))
                    .withFailMessage(
                            "%s: Kafka %s has %s %s, expected %s (acks=all then survives one broker down)",
                            overlayName, cluster, key, config.get(key), minInSync(overlay))
                    .isEqualTo(String.valueOf(minInSync(overlay)));
        }
        softly.assertThat(String.valueOf(config.get("auto.create.topics.enable")))
                .as("%s: topics come from KafkaTopics only", overlayName)
                .isEqualTo("false");
        softly.assertThat(Custom.field(kafka, "spec", "zookeeper"))
                .as("%s: KRaft, no ZooKeeper", overlayName)
                .isEmpty();
        List<GenericKubernetesResource> pools = overlay.custom("KafkaNodePool").stream()
                .filter(p -> Custom.cluster(p).equals(cluster))
                .toList();
        int brokers = brokers(overlay);
        int controllers = pools.stream()
                .filter(p -> roles(p).contains("controller"))
                .mapToInt(p -> Custom.number(p, "spec", "replicas").orElse(0))
                .sum();
        softly.assertThat(brokers)
                .withFailMessage(
                        "%s: the node pools of %s have %s brokers, expected %s (or one, a dev node)",
                        overlayName, cluster, brokers, REPLICAS)
                .isIn(1, REPLICAS);
        softly.assertThat(controllers)
                .withFailMessage(
                        "%s: the node pools of %s have %s KRaft controllers, expected an odd quorum (3 or more"
                                + " beside 3 brokers)",
                        overlayName, cluster, controllers)
                .isGreaterThanOrEqualTo(brokers == 1 ? 1 : 3)
                .matches(c -> c % 2 == 1, "odd");
        softly.assertThat(Custom.field(kafka, "spec", "entityOperator", "topicOperator"))
                .as("%s: the Topic Operator turns the KafkaTopics into topics", overlayName)
                .isPresent();
        softly.assertThat(Custom.field(kafka, "spec", "entityOperator", "userOperator"))
                .as("%s: the User Operator turns the KafkaUsers into credentials and ACLs", overlayName)
                .isPresent();
        softly.assertThat(Custom.text(kafka, "spec", "kafka", "authorization", "type"))
                .as("%s: ACLs enforced", overlayName)
                .isEqualTo("simple");
        softly.assertAll();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("overlaysAndServices")
    void connectsToTheScramListenerAsItsOwnKafkaUser(String overlayName, String service) {
        Overlay overlay = Overlay.render(overlayName);
        GenericKubernetesResource kafka = kafka(overlay);
        String cluster = kafka.getMetadata().getName();
        Map<String, Variable> environment = overlay.environment(overlay.container(service));
        var softly = new SoftAssertions();
        Map<String, Map<String, Object>> scramListeners = new TreeMap<>();
        for (Map<String, Object> listener : Custom.list(kafka, "spec", "kafka", "listeners")) {
            Object auth = listener.get("authentication");
            if (auth instanceof Map<?, ?> a && "scram-sha-512".equals(a.get("type"))) {
                scramListeners.put(cluster + "-kafka-bootstrap:" + listener.get("port"), listener);
            }
        }
        String bootstrap = literal(environment, "KAFKA_BOOTSTRAP_SERVERS");
        softly.assertThat(scramListeners.keySet())
                .withFailMessage(
                        "%s: %s has KAFKA_BOOTSTRAP_SERVERS=%s; the SCRAM listeners of Kafka %s are %s",
                        overlayName, service, bootstrap, cluster, scramListeners.keySet())
                .contains(bootstrap);
        boolean tls = Optional.ofNullable(scramListeners.get(bootstrap))
                .map(l -> Boolean.TRUE.equals(l.get("tls")))
                .orElse(false);
        softly.assertThat(literal(environment, "SPRING_KAFKA_SECURITY_PROTOCOL"))
                .as("%s: %s security protocol", overlayName, service)
                .isEqualTo(tls ? "SASL_SSL" : "SASL_PLAINTEXT");
        softly.assertThat(literal(environment, "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM"))
                .as("%s: %s SASL mechanism", overlayName, service)
                .isEqualTo("SCRAM-SHA-512");
        Variable jaas = environment.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
        softly.assertThat(jaas != null && jaas.fromSecret())
                .withFailMessage(
                        "%s: %s must take SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG from its KafkaUser's Secret, found %s",
                        overlayName, service, jaas)
                .isTrue();
        if (jaas != null && jaas.fromSecret()) {
            softly.assertThat(jaas.secret().getName())
                    .withFailMessage(
                            "%s: %s logs in with Secret %s; its KafkaUser (and Secret) is named %s",
                            overlayName, service, jaas.secret().getName(), service)
                    .isEqualTo(service);
            softly.assertThat(jaas.secret().getKey()).isEqualTo("sasl.jaas.config");
        }
        Optional<GenericKubernetesResource> user = overlay.custom("KafkaUser").stream()
                .filter(u -> u.getMetadata().getName().equals(service))
                .findFirst();
        softly.assertThat(user).as("%s: KafkaUser %s", overlayName, service).isPresent();
        user.ifPresent(u -> {
            softly.assertThat(Custom.text(u, "spec", "authentication", "type"))
                    .as("%s: KafkaUser %s authentication", overlayName, service)
                    .isEqualTo("scram-sha-512");
            softly.assertThat(Custom.cluster(u))
                    .as("%s: KafkaUser %s cluster", overlayName, service)
                    .isEqualTo(cluster);
        });
        softly.assertThat(literal(environment, "SPRING_KAFKA_ADMIN_AUTO_CREATE"))
                .as("%s: %s creates no topic (it has no ACL to)", overlayName, service)
                .isEqualTo("false");
        softly.assertAll();
    }

    static GenericKubernetesResource kafka(Overlay overlay) {
        List<GenericKubernetesResource> clusters = overlay.custom("Kafka");
        assertThat(clusters).as("%s: Kafka resources", overlay.name()).hasSize(1);
        return clusters.getFirst();
    }

    /** The partition count every service is told (kafka-client ConfigMap, SAGA_KAFKA_PARTITIONS). */
    static int sagaPartitions(Overlay overlay) {
        Set<String> values = Services.modules().stream()
                .map(s -> DeploymentsTest.literals(overlay.environment(overlay.container(s)))
                        .getOrDefault("SAGA_KAFKA_PARTITIONS", "unset"))
                .collect(Collectors.toSet());
        assertThat(values)
                .withFailMessage(
                        "%s: the services are told different SAGA_KAFKA_PARTITIONS: %s", overlay.name(), values)
                .hasSize(1);
        return Integer.parseInt(values.iterator().next());
    }

    static int topicPartitions(Overlay overlay) {
        return overlay.custom("KafkaTopic").stream()
                .map(t -> Custom.number(t, "spec", "partitions").orElse(0))
                .max(Integer::compare)
                .orElseThrow(() -> new AssertionError(overlay.name() + ": no KafkaTopic"));
    }

    private static String topicName(GenericKubernetesResource topic) {
        String name = Custom.text(topic, "spec", "topicName");
        return name.isEmpty() ? topic.getMetadata().getName() : name;
    }

    private static List<?> roles(GenericKubernetesResource pool) {
        return Custom.field(pool, "spec", "roles")
                .filter(List.class::isInstance)
                .map(List.class::cast)
                .orElse(List.of());
    }

    private static String literal(Map<String, Variable> environment, String name) {
        return Optional.ofNullable(environment.get(name))
                .flatMap(Variable::literal)
                .orElse("");
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }
}
