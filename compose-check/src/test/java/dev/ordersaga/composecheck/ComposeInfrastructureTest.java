package dev.ordersaga.composecheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.composecheck.ComposeFile.Container;
import dev.ordersaga.composecheck.ComposeFile.Mount;
import dev.ordersaga.composecheck.ComposeFile.PortMapping;
import dev.ordersaga.configreaders.Durations;
import dev.ordersaga.configreaders.Repo;
import dev.ordersaga.configreaders.ServiceConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** The stack as a whole: images, Kafka, MongoDB, volumes, published ports, the seeder, .env.example. */
class ComposeInfrastructureTest {

    private final Stack stack = Stack.load();

    @Test
    void everyImageIsPinnedToAnExactVersion() {
        List<String> loose = stack.compose.containers().stream()
                .filter(c -> c.image().isPresent())
                .filter(c -> !Stack.isPinned(c.image().get()))
                .map(c -> c.name() + ": " + c.image().get())
                .toList();
        assertThat(loose)
                .withFailMessage(
                        "images must be pinned to an exact version (name:major.minor.patch or a digest),"
                                + " never latest or untagged: %s",
                        loose)
                .isEmpty();
        assertThat(stack.compose.containers())
                .withFailMessage("every container needs an image: or a build: section")
                .allSatisfy(c -> assertThat(c.image().isPresent() || c.build().isPresent())
                        .isTrue());
    }

    @Test
    void kafkaImageIsTheKafkaVersionOfTheBuild() {
        String kafkaVersion = stack.rootPom.properties().get("kafka.version");
        String image = stack.kafka().image().orElseThrow();
        assertThat(Stack.tag(image))
                .withFailMessage(
                        "Kafka image %s must match kafka.version %s of the root pom (clients, broker and"
                                + " tools at one version)",
                        image, kafkaVersion)
                .isEqualTo(kafkaVersion);
    }

    @Test
    void kafkaIsOneKraftNodeWithAnInternalListenerForTheServices() {
        Container kafka = stack.kafka();
        Map<String, String> env = kafka.environment();
        String nodeId = env.get("KAFKA_NODE_ID");
        List<String[]> listeners = Stack.listeners(env.get("KAFKA_LISTENERS"));
        List<String[]> advertised = Stack.listeners(env.get("KAFKA_ADVERTISED_LISTENERS"));
        String controllerName = env.getOrDefault("KAFKA_CONTROLLER_LISTENER_NAMES", "");
        String interBroker = env.getOrDefault("KAFKA_INTER_BROKER_LISTENER_NAME", "");

        var softly = new SoftAssertions();
        softly.assertThat(Set.of(env.getOrDefault("KAFKA_PROCESS_ROLES", "").split("\\s*,\\s*")))
                .withFailMessage(
                        "kafka: KAFKA_PROCESS_ROLES must be broker,controller (KRaft combined mode)," + " found %s",
                        env.get("KAFKA_PROCESS_ROLES"))
                .containsExactlyInAnyOrder("broker", "controller");
        softly.assertThat(env.get("CLUSTER_ID"))
                .withFailMessage("kafka: CLUSTER_ID must be set (the storage is formatted with it)")
                .isNotBlank();
        String[] controller = listeners.stream()
                .filter(l -> l[0].equals(controllerName))
                .findFirst()
                .orElse(new String[] {controllerName, "?", "?"});
        // The controller listener is PLAINTEXT on the container's loopback (KRaft's controller cannot use
        // SCRAM, whose users live in the metadata it serves); the voter is that address.
        softly.assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
                .withFailMessage(
                        "kafka: KAFKA_CONTROLLER_QUORUM_VOTERS must be %s@%s:%s (this node, its %s"
                                + " listener), found %s",
                        nodeId, controller[1], controller[2], controllerName, env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
                .isEqualTo(nodeId + "@" + controller[1] + ":" + controller[2]);
        softly.assertThat(controller[1])
                .withFailMessage(
                        "kafka: the %s listener must be bound to 127.0.0.1: nothing outside the container"
                                + " talks to the KRaft controller, found %s",
                        controllerName, env.get("KAFKA_LISTENERS"))
                .isEqualTo("127.0.0.1");
        softly.assertThat(advertised)
                .withFailMessage(
                        "kafka: a listener must be advertised as %s:<port> so the services reach it by the"
                                + " compose name, found %s",
                        kafka.name(), env.get("KAFKA_ADVERTISED_LISTENERS"))
                .anySatisfy(l -> assertThat(l[1]).isEqualTo(kafka.name()));
        softly.assertThat(advertised)
                .withFailMessage(
                        "kafka: the inter-broker listener %s must be advertised (Kafka refuses to start"
                                + " otherwise), found %s",
                        interBroker, env.get("KAFKA_ADVERTISED_LISTENERS"))
                .anySatisfy(l -> assertThat(l[0]).isEqualTo(interBroker));
        softly.assertThat(advertised)
                .withFailMessage(
                        "kafka: every advertised listener needs a listener of the same name and port in"
                                + " KAFKA_LISTENERS (%s), advertised: %s",
                        env.get("KAFKA_LISTENERS"), env.get("KAFKA_ADVERTISED_LISTENERS"))
                .allSatisfy(a ->
                        assertThat(listeners).anySatisfy(l -> assertThat(l[0]).isEqualTo(a[0])));
        for (String replication : List.of(
                "KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
                "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR",
                "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR")) {
            softly.assertThat(env.get(replication))
                    .withFailMessage(
                            "kafka: %s must be 1 on a single node (the default 3 leaves consumer groups"
                                    + " without a coordinator), found %s",
                            replication, env.get(replication))
                    .isEqualTo("1");
        }
        // The healthcheck needs no credentials: it asks the broker on a PLAINTEXT listener of the
        // container's own loopback (BrokerAndStoreAccessTest checks that no other listener is PLAINTEXT).
        List<String> plaintextLoopback = listeners.stream()
                .filter(l -> l[1].equals("127.0.0.1") && !l[0].equals(controllerName))
                .filter(l -> KafkaBrokerSettings.of(kafka).protocol(l[0]).equals("PLAINTEXT"))
                .map(l -> "127.0.0.1:" + l[2])
                .toList();
        softly.assertThat(kafka.healthcheck().orElse(List.of()))
                .withFailMessage(
                        "kafka: the healthcheck must ask the broker itself,"
                                + " /opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server <one of %s>, found '%s'",
                        plaintextLoopback, kafka.healthcheckLine())
                .contains("/opt/kafka/bin/kafka-broker-api-versions.sh")
                .containsAnyElementsOf(plaintextLoopback.isEmpty() ? List.of("?") : plaintextLoopback);
        softly.assertAll();
    }

    @Test
    void theSagaConsumersSessionIsOneTheBrokerAcceptsAndEndsWithinTheGatewaysHopTimeout() {
        // Kafka's group.min.session.timeout.ms is 6 s unless the broker lowers it; a session below it is refused
        long brokerMinimum = Long.parseLong(KafkaBrokerSettings.of(stack.kafka())
                .properties()
                .getOrDefault("group.min.session.timeout.ms", "6000"));
        long hop = Durations.parse(stack.container("gateway").environment().getOrDefault("SAGA_HOP_TIMEOUT", "5s"))
                .toMillis();
        var softly = new SoftAssertions();
        for (String module : stack.serviceModules()) {
            if (!ServiceConfig.usesSagaRuntime(module)) {
                continue;
            }
            // unset, the services' default (saga-runtime's KafkaSettings) is 6 s: failover after the hop timeout
            String session = stack.container(module).environment().getOrDefault("SAGA_KAFKA_SESSION_TIMEOUT", "6s");
            softly.assertThat(Durations.parse(session).toMillis())
                    .withFailMessage(
                            "%s: SAGA_KAFKA_SESSION_TIMEOUT=%s must be at least the broker's group.min.session.timeout.ms"
                                    + " (%s ms) and shorter than the gateway's SAGA_HOP_TIMEOUT (%s ms), so a dead"
                                    + " instance's partitions move before its orders' hops time out",
                            module, session, brokerMinimum, hop)
                    .isBetween(brokerMinimum, hop - 1);
        }
        softly.assertAll();
    }

    @Test
    void kafkaExternalListenerIsPublishedWhereItIsAdvertised() {
        Container kafka = stack.kafka();
        Map<String, String> env = kafka.environment();
        List<String[]> listeners = Stack.listeners(env.get("KAFKA_LISTENERS"));
        List<String[]> localhostAdvertised = Stack.listeners(env.get("KAFKA_ADVERTISED_LISTENERS")).stream()
                .filter(l -> l[1].equals("localhost"))
                .toList();
        assertThat(localhostAdvertised)
                .withFailMessage(
                        "kafka: no listener advertised as localhost:<port> for the console tools on the"
                                + " host, found %s",
                        env.get("KAFKA_ADVERTISED_LISTENERS"))
                .isNotEmpty();
        for (String[] external : localhostAdvertised) {
            String containerPort = listeners.stream()
                    .filter(l -> l[0].equals(external[0]))
                    .map(l -> l[2])
                    .findFirst()
                    .orElse("?");
            assertThat(kafka.ports())
                    .withFailMessage(
                            "kafka: listener %s is advertised as localhost:%s, so the host port %s must be"
                                    + " published to its container port %s; ports: %s",
                            external[0], external[2], external[2], containerPort, kafka.ports())
                    .anySatisfy(p -> {
                        assertThat(p.published()).isEqualTo(external[2]);
                        assertThat(String.valueOf(p.target())).isEqualTo(containerPort);
                    });
        }
        for (PortMapping port : kafka.ports()) {
            assertThat(localhostAdvertised)
                    .withFailMessage(
                            "kafka: published port %s is not an advertised localhost listener, so a client"
                                    + " on the host would be sent to an address it cannot reach",
                            port)
                    .anySatisfy(l -> assertThat(l[2]).isEqualTo(port.published()));
        }
    }

    @Test
    void kafkaMongoAndTheAuthSigningKeyLiveOnNamedVolumes() {
        Container kafka = stack.kafka();
        Container mongo = stack.mongo();
        String logDirs = kafka.environment().getOrDefault("KAFKA_LOG_DIRS", "/tmp/kraft-combined-logs");
        Container auth = stack.container("auth-service");
        String keyPath = auth.environment().getOrDefault("JWT_KEY_PATH", "");

        var softly = new SoftAssertions();
        softly.assertThat(namedVolumeHolding(kafka, logDirs))
                .withFailMessage(
                        "kafka: KAFKA_LOG_DIRS %s is not on a named volume (mounts: %s)", logDirs, kafka.volumes())
                .isTrue();
        softly.assertThat(namedVolumeHolding(mongo, "/data/db"))
                .withFailMessage("mongo: /data/db is not on a named volume (mounts: %s)", mongo.volumes())
                .isTrue();
        softly.assertThat(keyPath)
                .withFailMessage(
                        "auth-service: JWT_KEY_PATH must be an absolute path in the container, found '%s'", keyPath)
                .startsWith("/");
        softly.assertThat(namedVolumeHolding(auth, keyPath))
                .withFailMessage(
                        "auth-service: JWT_KEY_PATH %s is not on a named volume, so a new container would"
                                + " make a new key and log everyone out (mounts: %s)",
                        keyPath, auth.volumes())
                .isTrue();
        softly.assertAll();
    }

    @Test
    void namedVolumesAreDeclaredAndUsed() {
        Set<String> used = new LinkedHashSet<>();
        stack.compose
                .containers()
                .forEach(c -> c.volumes().stream().filter(Mount::named).forEach(m -> used.add(m.source())));
        assertThat(stack.compose.declaredVolumes())
                .withFailMessage(
                        "named volumes used %s must be declared under the top-level volumes: key, which has" + " %s",
                        used, stack.compose.declaredVolumes())
                .containsAll(used);
        assertThat(used)
                .withFailMessage(
                        "volumes declared but used by no container: declared %s, used %s",
                        stack.compose.declaredVolumes(), used)
                .containsAll(stack.compose.declaredVolumes());
    }

    @Test
    void everyLongRunningContainerHasAHealthcheckAndHealthyDependenciesHaveOne() {
        var softly = new SoftAssertions();
        for (Container container : stack.compose.containers()) {
            boolean oneShot = container.restart().filter("no"::equals).isPresent();
            if (!oneShot) {
                softly.assertThat(container.healthcheck())
                        .withFailMessage(
                                "%s has no healthcheck (only a one-shot container with restart: \"no\" may"
                                        + " go without)",
                                container.name())
                        .isPresent();
            }
            container.dependsOn().forEach((dependency, condition) -> {
                softly.assertThat(stack.compose.container(dependency))
                        .withFailMessage(
                                "%s depends on %s, which is not a container of docker-compose.yml",
                                container.name(), dependency)
                        .isPresent();
                if (condition.equals("service_healthy")) {
                    softly.assertThat(stack.compose.container(dependency).flatMap(Container::healthcheck))
                            .withFailMessage(
                                    "%s waits for %s to be healthy, but %s has no healthcheck",
                                    container.name(), dependency, dependency)
                            .isPresent();
                }
            });
        }
        softly.assertAll();
    }

    @Test
    void onlyTheGatewayKafkasExternalListenerAndTheObservabilityUisArePublished() {
        List<String> published = stack.compose.containers().stream()
                .filter(c -> !c.ports().isEmpty())
                .filter(c -> c.image()
                        .map(Stack::repository)
                        .filter(Stack.OBSERVABILITY_IMAGES::contains)
                        .isEmpty())
                .map(Container::name)
                .toList();
        assertThat(published)
                .withFailMessage(
                        "only gateway, %s and the observability containers (%s) may publish ports on the"
                                + " host, found ports on %s",
                        stack.kafka().name(), Stack.OBSERVABILITY_IMAGES, published)
                .allMatch(name -> name.equals("gateway")
                        || name.equals(stack.kafka().name())
                        || name.equals(Stack.OPERATOR_CONSOLE));
        // the operators' console has a login, but is no public service: the host's loopback only
        stack.compose
                .container(Stack.OPERATOR_CONSOLE)
                .ifPresent(console -> assertThat(console.ports())
                        .withFailMessage(
                                "%s may publish on the host's loopback interface only (127.0.0.1:...), found %s",
                                Stack.OPERATOR_CONSOLE, console.ports())
                        .allMatch(p -> p.hostIp().equals("127.0.0.1")));
    }

    @Test
    void noContainerReachesAnotherThroughLocalhost() {
        List<String> local = new ArrayList<>();
        for (Container container : stack.builtContainers()) {
            container.environment().forEach((name, value) -> {
                if (value != null && Stack.Endpoint.parseAll(value).stream().anyMatch(Stack.Endpoint::isLocalhost)) {
                    local.add(container.name() + ": " + name + "=" + value);
                }
            });
        }
        assertThat(local)
                .withFailMessage(
                        "inside a container localhost is the container itself; use the compose service" + " name: %s",
                        local)
                .isEmpty();
    }

    @Test
    void everyServiceTrustsTheIssuerAuthServiceIssues() {
        Map<String, String> issuers = new LinkedHashMap<>();
        for (String module : stack.serviceModules()) {
            ServiceConfig config = ServiceConfig.of(module);
            config.placeholder("JWT_ISSUER")
                    .ifPresent(p -> issuers.put(
                            module,
                            stack.compose
                                    .container(module)
                                    .map(c -> c.environment().get("JWT_ISSUER"))
                                    .orElse(p.defaultValue().orElse(""))));
        }
        assertThat(Set.copyOf(issuers.values()))
                .withFailMessage(
                        "every service must check the issuer auth-service puts in its tokens; JWT_ISSUER"
                                + " per container: %s",
                        issuers)
                .hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void seedRunsOnceAfterTheGatewayIsHealthyWithTheAdminAuthServiceCreates() {
        Container seed = stack.container("seed");
        Container auth = stack.container("auth-service");
        Map<String, String> env = seed.environment();
        List<String> seederReads = variablesTheSeederReads();

        var softly = new SoftAssertions();
        softly.assertThat(seed.build().map(ComposeFile.Build::target))
                .withFailMessage("seed must be built from the Dockerfile's seed stage (build.target: seed)")
                .contains("seed");
        softly.assertThat(seed.restart())
                .withFailMessage("seed is a one-shot job: restart must be \"no\", found %s", seed.restart())
                .contains("no");
        softly.assertThat(seed.dependsOn().get("gateway"))
                .withFailMessage(
                        "seed must depend on gateway with condition service_healthy, found %s", seed.dependsOn())
                .isEqualTo("service_healthy");
        softly.assertThat(seederReads)
                .withFailMessage("cannot find the variables Seeder.java reads (env(\"NAME\", ...))")
                .isNotEmpty();
        softly.assertThat(env.keySet())
                .withFailMessage(
                        "seed must set every variable the seeder reads %s, it sets %s", seederReads, env.keySet())
                .containsAll(seederReads);
        // as written: the password has no default, so only the variable it comes from can be compared
        Map<String, String> rawSeed = stack.compose.raw("seed").environment();
        Map<String, String> rawAuth = stack.compose.raw(auth.name()).environment();
        for (String credential : List.of("AUTH_ADMIN_USERNAME", "AUTH_ADMIN_PASSWORD")) {
            softly.assertThat(rawSeed.get(credential))
                    .withFailMessage(
                            "seed's %s (%s) must be auth-service's (%s): the seeder logs in as the admin"
                                    + " auth-service creates",
                            credential, rawSeed.get(credential), rawAuth.get(credential))
                    .isEqualTo(rawAuth.get(credential));
        }
        stack.compose
                .container("gateway")
                .ifPresent(gateway -> softly.assertThat(env.get("SEED_GATEWAY_URL"))
                        .withFailMessage(
                                "seed: SEED_GATEWAY_URL must be http://gateway:%s, found %s",
                                gateway.environment().get("SERVER_PORT"), env.get("SEED_GATEWAY_URL"))
                        .isEqualTo("http://gateway:" + gateway.environment().get("SERVER_PORT")));
        softly.assertAll();
    }

    @Test
    void envExampleListsTheComposeDefaultsAndTheSecretsWithoutValues() {
        Map<String, String> example = new LinkedHashMap<>();
        for (String line : Repo.read(".env.example").split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                String[] keyValue = trimmed.split("=", 2);
                example.put(keyValue[0].strip(), keyValue.length > 1 ? keyValue[1].strip() : "");
            }
        }
        Map<String, String> defaults = stack.compose.interpolationDefaults();
        Set<String> required = stack.compose.required();
        Set<String> all = new LinkedHashSet<>(defaults.keySet());
        all.addAll(required);
        var softly = new SoftAssertions();
        softly.assertThat(example.keySet())
                .withFailMessage(".env.example lists %s, but docker-compose.yml interpolates %s", example.keySet(), all)
                .containsExactlyInAnyOrderElementsOf(all);
        example.forEach((name, value) -> {
            if (required.contains(name)) {
                softly.assertThat(value)
                        .withFailMessage(
                                ".env.example gives the secret %s the value '%s': a copied .env would start"
                                        + " with a password everyone knows; leave it empty",
                                name, value)
                        .isEmpty();
            } else {
                softly.assertThat(value)
                        .withFailMessage(
                                ".env.example says %s=%s, docker-compose.yml's default is %s",
                                name, value, defaults.get(name))
                        .isEqualTo(defaults.get(name));
            }
        });
        Set<String> silentlyEmpty = new LinkedHashSet<>(stack.compose.interpolatedWithoutDefault());
        silentlyEmpty.removeAll(required);
        softly.assertThat(silentlyEmpty)
                .withFailMessage(
                        "docker-compose.yml interpolates %s without a default and without ${VAR:?message}:"
                                + " `docker compose up` without a .env would get empty values",
                        silentlyEmpty)
                .isEmpty();
        softly.assertThat(Repo.exists(".env") && !Repo.read(".gitignore").contains(".env"))
                .withFailMessage("a .env exists but .gitignore does not keep it out of git")
                .isFalse();
        softly.assertAll();
    }

    /** Whether a named volume is mounted at {@code path} or at a directory above it. */
    private static boolean namedVolumeHolding(Container container, String path) {
        return !path.isEmpty()
                && container.volumes().stream()
                        .filter(Mount::named)
                        .anyMatch(m -> Path.of(path)
                                .normalize()
                                .startsWith(Path.of(m.target()).normalize()));
    }

    private static List<String> variablesTheSeederReads() {
        String source = Repo.read("seed/src/main/java/dev/ordersaga/seed/Seeder.java");
        Matcher matcher =
                Pattern.compile("(?:env|getenv)\\(\"([A-Z][A-Z0-9_]*)\"").matcher(source);
        Set<String> names = new LinkedHashSet<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return List.copyOf(names);
    }
}
