package dev.ordersaga.composecheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.composecheck.ComposeFile.Container;
import dev.ordersaga.composecheck.ComposeFile.Mount;
import dev.ordersaga.composecheck.KafkaSetupScript.Acl;
import dev.ordersaga.composecheck.SagaMatrix.Service;
import dev.ordersaga.composecheck.Stack.Endpoint;
import dev.ordersaga.configreaders.Repo;
import dev.ordersaga.configreaders.ServiceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * Who may talk to Kafka and MongoDB in docker-compose.yml, checked against the code: every service
 * authenticates to the broker as its own SCRAM principal (as Spring Boot binds the container's
 * environment), the broker has no unauthenticated door outside its own container, the ACLs of
 * compose/kafka-setup.sh are exactly the produce/consume matrix the code implies, a read-only
 * console principal exists, MongoDB requires authentication with one user per service database,
 * and no secret has a default.
 */
class BrokerAndStoreAccessTest {

    static final String CONSOLE_PRINCIPAL = "console";
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Z0-9_]*(PASSWORD|SECRET)[A-Z0-9_]*");
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):\\?[^}]+}");
    private static final Pattern JAAS =
            Pattern.compile("org\\.apache\\.kafka\\.common\\.security\\.scram\\.ScramLoginModule required"
                    + " username=\"([^\"]+)\" password=\"([^\"]*)\";");

    private final Stack stack = Stack.load();
    private final SagaMatrix matrix = new SagaMatrix();

    private Container kafkaSetup() {
        return setupContainer(stack.kafka(), Stack.KAFKA_IMAGE, "creates the users, topics and ACLs");
    }

    private Container mongoSetup() {
        return setupContainer(stack.mongo(), Stack.MONGO_IMAGE, "creates the service users");
    }

    /** The one-shot container of {@code image} beside {@code server}, the one that runs it: it sets the server up. */
    private Container setupContainer(Container server, String image, String job) {
        return stack.compose.containers().stream()
                .filter(c ->
                        c.image().map(Stack::repository).filter(image::equals).isPresent())
                .filter(c -> !c.name().equals(server.name()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "docker-compose.yml has no one-shot container with image " + image + " that " + job));
    }

    /** The repository file a container mounts at the path its entrypoint names. */
    private static String mountedScript(Container container) {
        String entrypoint = container.entrypoint();
        return container.volumes().stream()
                .filter(m -> !m.named() && m.source().startsWith("./"))
                .filter(m -> entrypoint.contains(m.target()))
                .map(Mount::source)
                .map(source -> source.substring(2))
                .findFirst()
                .orElseThrow(() -> new AssertionError(container.name() + " must mount its script from the repository"
                        + " (./compose/...) at the path its entrypoint runs, entrypoint '" + entrypoint + "', mounts "
                        + container.volumes()));
    }

    private KafkaSetupScript setupScript() {
        String path = mountedScript(kafkaSetup());
        assertThat(Repo.exists(path))
                .withFailMessage("%s is mounted but missing", path)
                .isTrue();
        return KafkaSetupScript.read(path);
    }

    /** A setting every Kafka client of a service must have, and the environment variable that sets it. */
    private record ClientSetting(String property, String value, String variable) {}

    private static final List<ClientSetting> SCRAM_CLIENT = List.of(
            new ClientSetting("security.protocol", "SASL_PLAINTEXT", "SPRING_KAFKA_SECURITY_PROTOCOL"),
            new ClientSetting("sasl.mechanism", "SCRAM-SHA-512", "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM"));

    @ForEachService
    void everyServiceTalksToKafkaWithScramAsItsOwnPrincipal(String module) {
        Container container = stack.container(module);
        KafkaProperties kafka = kafkaPropertiesAsBootBindsThem(module, container.environment());
        KafkaBrokerSettings broker = KafkaBrokerSettings.of(stack.kafka());

        var softly = new SoftAssertions();
        Map<String, Map<String, Object>> clients = Map.of(
                "producer", kafka.buildProducerProperties(),
                "consumer", kafka.buildConsumerProperties(),
                "admin", kafka.buildAdminProperties());
        clients.forEach((client, properties) -> {
            for (ClientSetting setting : SCRAM_CLIENT) {
                softly.assertThat(properties.get(setting.property()))
                        .withFailMessage(
                                "%s: its Kafka %s would connect with %s %s; set %s: %s",
                                module,
                                client,
                                setting.property(),
                                properties.get(setting.property()),
                                setting.variable(),
                                setting.value())
                        .isEqualTo(setting.value());
            }
            Matcher jaas = JAAS.matcher(String.valueOf(properties.get("sasl.jaas.config")));
            softly.assertThat(jaas.matches() ? jaas.group(1) : null)
                    .withFailMessage(
                            "%s: its Kafka %s must log in as principal %s with the ScramLoginModule"
                                    + " (SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG), found sasl.jaas.config '%s'",
                            module, client, module, properties.get("sasl.jaas.config"))
                    .isEqualTo(module);
        });
        softly.assertThat(kafka.getAdmin().isAutoCreate())
                .withFailMessage(
                        "%s would try to create the saga topics, which its ACLs refuse (kafka-setup creates"
                                + " them): set SPRING_KAFKA_ADMIN_AUTO_CREATE: \"false\"",
                        module)
                .isFalse();

        // The password comes from the variable kafka-setup gives this principal, and from nowhere else.
        String rawJaas = stack.compose
                .raw(module)
                .environment()
                .getOrDefault("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "")
                .replaceAll("\\s+", " ")
                .strip();
        Matcher rawMatch = JAAS.matcher(rawJaas);
        String passwordVariable = setupScript().users().get(module);
        softly.assertThat(passwordVariable)
                .withFailMessage("%s: kafka-setup creates no SCRAM user %s", module, module)
                .isNotNull();
        softly.assertThat(rawMatch.matches() ? variableOf(rawMatch.group(2)) : Optional.empty())
                .withFailMessage(
                        "%s: the SCRAM password must be password=\"${%s:?...}\", the variable kafka-setup sets"
                                + " for user %s; found %s",
                        module, passwordVariable, module, rawJaas)
                .contains(String.valueOf(passwordVariable));

        // ... and the address it connects to is a SASL/SCRAM listener of the broker.
        for (Endpoint endpoint : Endpoint.parseAll(container.environment().get("KAFKA_BOOTSTRAP_SERVERS"))) {
            Optional<String> listener = Stack.listeners(broker.get("advertised.listeners")).stream()
                    .filter(l -> l[1].equals(endpoint.host()) && Integer.parseInt(l[2]) == endpoint.port())
                    .map(l -> l[0])
                    .findFirst();
            softly.assertThat(listener.map(broker::protocol))
                    .withFailMessage(
                            "%s: KAFKA_BOOTSTRAP_SERVERS %s must be an advertised SASL_PLAINTEXT listener of the"
                                    + " broker, it is %s",
                            module, endpoint, listener.map(l -> l + " (" + broker.protocol(l) + ")"))
                    .contains("SASL_PLAINTEXT");
        }
        softly.assertThat(container.dependsOn().get(kafkaSetup().name()))
                .withFailMessage(
                        "%s must wait for %s (depends_on condition: service_completed_successfully): before it"
                                + " ran, the principal, the topics and the ACLs do not exist; found %s",
                        module, kafkaSetup().name(), container.dependsOn())
                .isEqualTo("service_completed_successfully");
        softly.assertAll();
    }

    @Test
    void theBrokerHasNoUnauthenticatedListenerOutsideItsOwnContainer() {
        KafkaBrokerSettings broker = KafkaBrokerSettings.of(stack.kafka());
        List<String> mechanisms = List.of(broker.get("sasl.enabled.mechanisms").split("\\s*,\\s*"));

        var softly = new SoftAssertions();
        for (String[] listener : broker.listeners()) {
            String protocol = broker.protocol(listener[0]);
            if (protocol.startsWith("SASL_")) {
                softly.assertThat(broker.get(
                                "listener.name." + listener[0].toLowerCase() + ".scram-sha-512.sasl.jaas.config"))
                        .withFailMessage(
                                "kafka: SASL listener %s needs"
                                        + " KAFKA_LISTENER_NAME_%s_SCRAM___SHA___512_SASL_JAAS_CONFIG with the ScramLoginModule",
                                listener[0], listener[0])
                        .contains("org.apache.kafka.common.security.scram.ScramLoginModule");
            } else {
                softly.assertThat(listener[1])
                        .withFailMessage(
                                "kafka: listener %s is %s (no authentication) and bound to '%s': every container of"
                                        + " the network could publish a PaymentCompleted through it. Bind it to"
                                        + " 127.0.0.1 or make it SASL_PLAINTEXT",
                                listener[0], protocol, listener[1])
                        .isEqualTo("127.0.0.1");
            }
        }
        softly.assertThat(mechanisms)
                .withFailMessage(
                        "kafka: KAFKA_SASL_ENABLED_MECHANISMS must be SCRAM-SHA-512 (the users live in the cluster"
                                + " metadata), found %s",
                        mechanisms)
                .containsExactly("SCRAM-SHA-512");
        softly.assertThat(broker.get("authorizer.class.name"))
                .withFailMessage(
                        "kafka: KAFKA_AUTHORIZER_CLASS_NAME must be KRaft's StandardAuthorizer, or ACLs do nothing")
                .isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        softly.assertThat(broker.get("allow.everyone.if.no.acl.found"))
                .withFailMessage(
                        "kafka: allow.everyone.if.no.acl.found must not be true: a topic without ACLs would be open")
                .isNotEqualToIgnoringCase("true");
        softly.assertThat(List.of(broker.get("super.users").split("\\s*;\\s*")))
                .withFailMessage(
                        "kafka: the only super user may be User:ANONYMOUS, the principal of the loopback PLAINTEXT"
                                + " listeners (broker, controller, kafka-setup); found %s",
                        broker.get("super.users"))
                .containsExactly("User:ANONYMOUS");
        softly.assertThat(broker.get("auto.create.topics.enable"))
                .withFailMessage(
                        "kafka: KAFKA_AUTO_CREATE_TOPICS_ENABLE must be false: topics come from kafka-setup, not from"
                                + " whoever writes to a new name")
                .isEqualTo("false");
        softly.assertAll();
    }

    @Test
    void kafkaSetupRunsInsideTheBrokersNetworkBeforeAnyService() {
        Container setup = kafkaSetup();
        Container kafka = stack.kafka();
        KafkaBrokerSettings broker = KafkaBrokerSettings.of(kafka);
        String script = Repo.read(mountedScript(setup));
        Matcher address = Pattern.compile("(?m)^broker=(\\S+)$").matcher(script);

        var softly = new SoftAssertions();
        softly.assertThat(setup.image())
                .withFailMessage("kafka-setup must use the broker's image, found %s", setup.image())
                .isEqualTo(kafka.image());
        softly.assertThat(setup.restart())
                .withFailMessage("%s is a one-shot: restart: \"no\"", setup.name())
                .contains("no");
        softly.assertThat(setup.networkMode())
                .withFailMessage(
                        "%s must run in the broker's network namespace (network_mode: \"service:%s\") to reach the"
                                + " loopback listener, found %s",
                        setup.name(), kafka.name(), setup.networkMode())
                .contains("service:" + kafka.name());
        softly.assertThat(setup.dependsOn().get(kafka.name()))
                .withFailMessage(
                        "%s must wait for %s to be healthy, found %s", setup.name(), kafka.name(), setup.dependsOn())
                .isEqualTo("service_healthy");
        softly.assertThat(address.find() ? address.group(1) : "")
                .withFailMessage(
                        "%s: `broker=` must be a PLAINTEXT listener on 127.0.0.1 (%s)",
                        mountedScript(setup), broker.get("listeners"))
                .isIn(broker.listeners().stream()
                        .filter(l -> l[1].equals("127.0.0.1")
                                && broker.protocol(l[0]).equals("PLAINTEXT"))
                        .filter(l -> !l[0].equals(broker.get("controller.listener.names")))
                        .map(l -> l[1] + ":" + l[2])
                        .toList());
        softly.assertAll();
    }

    @Test
    void theAclsAreTheProduceConsumeMatrixOfTheCode() {
        KafkaSetupScript script = setupScript();
        var softly = new SoftAssertions();
        Set<String> principals = new TreeSet<>();
        for (String module : stack.serviceModules()) {
            if (module.equals(Stack.OPERATOR_CONSOLE)) {
                // no saga participant: its rights are the re-drive's (see the test below)
                principals.add("User:" + module);
                continue;
            }
            Service service = matrix.service(module);
            principals.add("User:" + module);
            Set<Acl> required = service.requiredAcls();
            Set<Acl> granted = script.acls().stream()
                    .filter(a -> a.principal().equals("User:" + module))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            Set<Acl> missing = new LinkedHashSet<>(required);
            missing.removeAll(granted);
            Set<Acl> extra = new LinkedHashSet<>(granted);
            extra.removeAll(required);
            softly.assertThat(missing)
                    .withFailMessage(
                            "%s: %s lacks ACLs the code needs (produces %s, listens to %s, reads %s with its own"
                                    + " container, group %s): %s",
                            module,
                            script.path(),
                            service.produces(),
                            service.listensTo(),
                            service.readsWithOwnContainer(),
                            service.group().or(service::groupPrefix).orElse("none"),
                            missing)
                    .isEmpty();
            softly.assertThat(extra)
                    .withFailMessage(
                            "%s: %s grants more than the code uses (least privilege: a service writes only what it"
                                    + " produces): %s",
                            module, script.path(), extra)
                    .isEmpty();
        }
        principals.add("User:" + CONSOLE_PRINCIPAL);
        Set<String> unknown = script.acls().stream()
                .map(Acl::principal)
                .filter(p -> !principals.contains(p))
                .collect(Collectors.toCollection(TreeSet::new));
        softly.assertThat(unknown)
                .withFailMessage(
                        "%s grants ACLs to principals that are neither a service nor %s: %s",
                        script.path(), CONSOLE_PRINCIPAL, unknown)
                .isEmpty();
        softly.assertThat(script.users().keySet())
                .withFailMessage(
                        "%s must create a SCRAM user for each of %s, it creates %s",
                        script.path(), principals, script.users().keySet())
                .containsExactlyInAnyOrderElementsOf(principals.stream()
                        .map(p -> p.substring("User:".length()))
                        .toList());
        softly.assertAll();
    }

    @Test
    void thePaymentEventsCanBeWrittenByPaymentServiceAlone() {
        // The attack of the issue, stated directly: whoever else writes PaymentCompleted confirms an unpaid order.
        Set<String> writers = setupScript().acls().stream()
                .filter(a -> a.operation().equals("WRITE") || a.operation().equals("ALL"))
                .filter(a -> a.resourceType().equals("topic"))
                .filter(a -> a.patternType().equals("literal")
                        ? a.name().equals("payment-events") || a.name().equals("*")
                        : "payment-events".startsWith(a.name()))
                .map(Acl::principal)
                .collect(Collectors.toSet());
        assertThat(writers).containsExactly("User:payment-service");
    }

    @Test
    void theOperatorConsoleReadsTheDeadLettersAndReDrivesThemToEverySagaTopicButPaymentEvents() {
        KafkaSetupScript script = setupScript();
        String principal = "User:" + Stack.OPERATOR_CONSOLE;
        Set<Acl> expected = new LinkedHashSet<>();
        matrix.topics().forEach(t -> {
            expected.add(Acl.literal(principal, "READ", "topic", t + ".DLT"));
            expected.add(Acl.literal(principal, "DESCRIBE", "topic", t + ".DLT"));
            expected.add(Acl.literal(principal, "DESCRIBE", "topic", t));
            if (!t.equals("payment-events")) {
                expected.add(Acl.literal(principal, "WRITE", "topic", t));
            }
        });
        expected.add(new Acl(principal, "READ", "group", "prefixed", "stack-dlt-redrive-"));
        expected.add(Acl.literal(principal, "DESCRIBE", "group", "*"));
        Set<Acl> granted = script.acls().stream()
                .filter(a -> a.principal().equals(principal))
                .collect(Collectors.toCollection(LinkedHashSet::new));

        assertThat(granted)
                .as(
                        "%s: %s re-drives dead letters (READ the DLTs, WRITE their topics, its re-drive groups) and"
                                + " shows every group's lag (DESCRIBE); it never writes payment-events",
                        script.path(), principal)
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theConsolePrincipalReadsEverySagaTopicAndWritesNothing() {
        KafkaSetupScript script = setupScript();
        String principal = "User:" + CONSOLE_PRINCIPAL;
        List<Acl> console = script.acls().stream()
                .filter(a -> a.principal().equals(principal))
                .toList();
        Set<String> readable = console.stream()
                .filter(a -> a.operation().equals("READ") && a.resourceType().equals("topic"))
                .map(Acl::name)
                .collect(Collectors.toSet());
        List<String> everyTopic = new ArrayList<>();
        matrix.topics().forEach(t -> {
            everyTopic.add(t);
            everyTopic.add(t + ".DLT");
        });

        var softly = new SoftAssertions();
        softly.assertThat(console)
                .withFailMessage("%s: %s may only READ and DESCRIBE, found %s", script.path(), principal, console)
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.operation()).isIn("READ", "DESCRIBE"));
        softly.assertThat(readable)
                .withFailMessage(
                        "%s: %s must read every saga topic and its DLT %s, reads %s",
                        script.path(), principal, everyTopic, readable)
                .containsAll(everyTopic);
        softly.assertThat(console)
                .withFailMessage(
                        "%s: %s needs READ on the console tools' groups (prefixed console-, as in console-consumer-1234)",
                        script.path(), principal)
                .contains(new Acl(principal, "READ", "group", "prefixed", "console-"));
        softly.assertAll();
    }

    @Test
    void kafkaSetupCreatesEverySagaTopicAndItsDeadLetterTopicAsTheServicesWouldHave() {
        KafkaSetupScript script = setupScript();
        List<String> expected = new ArrayList<>();
        matrix.topics().forEach(t -> {
            expected.add(t);
            expected.add(t + ".DLT");
        });
        String settings = Repo.read("saga-runtime/src/main/java/dev/ordersaga/saga/KafkaSettings.java");
        Matcher partitionsDefault =
                Pattern.compile("@DefaultValue\\(\"(\\d+)\"\\) int partitions").matcher(settings);
        String partitions = partitionsDefault.find() ? partitionsDefault.group(1) : "?";

        var softly = new SoftAssertions();
        softly.assertThat(script.topics())
                .withFailMessage(
                        "%s creates %s, the saga's topics (Topics.ALL and their DLTs) are %s",
                        script.path(), script.topics(), expected)
                .containsExactlyInAnyOrderElementsOf(expected);
        softly.assertThat(kafkaSetup().environment().get("SAGA_TOPIC_PARTITIONS"))
                .withFailMessage(
                        "%s: SAGA_TOPIC_PARTITIONS must be saga.kafka.partitions' default %s (KafkaSettings), or the"
                                + " topics differ from what a service would have made",
                        kafkaSetup().name(), partitions)
                .isEqualTo(partitions);
        softly.assertAll();
    }

    @Test
    void everyKafkaPasswordComesFromARequiredVariable() {
        KafkaSetupScript script = setupScript();
        Map<String, String> rawEnvironment =
                stack.compose.raw(kafkaSetup().name()).environment();
        var softly = new SoftAssertions();
        script.users()
                .forEach((user, variable) -> softly.assertThat(variableOf(rawEnvironment.getOrDefault(variable, "")))
                        .withFailMessage(
                                "%s: user %s's password %s must be set as %s: ${%s:?message} (no default)",
                                kafkaSetup().name(), user, variable, variable, variable)
                        .contains(variable));
        softly.assertAll();
    }

    @ForEachService
    void everyServiceWithADatabaseLogsInAsItsOwnUserOfItsOwnDatabase(String module) {
        ServiceConfig config = ServiceConfig.of(module);
        if (config.placeholder("MONGODB_URI").isEmpty()) {
            assertThat(stack.container(module).environment()).doesNotContainKey("MONGODB_URI");
            return;
        }
        String database = config.propertyDefault("spring.mongodb.database").orElse("?");
        String prefix = stack.compose.interpolationDefaults().getOrDefault("MONGODB_DATABASE_PREFIX", "");
        Map<String, String[]> users = mongoUsers();
        String rawUri = stack.compose.raw(module).environment().getOrDefault("MONGODB_URI", "");
        Matcher uri = Pattern.compile("mongodb://([^:@/]+):(\\$\\{[^}]+})@([^/]+)/(.+)")
                .matcher(rawUri);
        String interpolatedDatabase = uri.matches() ? stack.compose.interpolate(uri.group(4)) : "";

        var softly = new SoftAssertions();
        softly.assertThat(uri.matches())
                .withFailMessage(
                        "%s: MONGODB_URI must be mongodb://%s:${<password variable>:?...}@mongo:27017/<its database>,"
                                + " found %s",
                        module, module, rawUri)
                .isTrue();
        if (uri.matches()) {
            softly.assertThat(uri.group(1))
                    .withFailMessage("%s: MONGODB_URI's user must be %s", module, module)
                    .isEqualTo(module);
            softly.assertThat(interpolatedDatabase)
                    .withFailMessage(
                            "%s: MONGODB_URI's database (its authentication database) must be the service's database"
                                    + " %s, found %s",
                            module, database, interpolatedDatabase)
                    .isEqualTo(database);
            String[] user = users.get(module);
            softly.assertThat(user)
                    .withFailMessage("%s creates no user %s", mountedScript(mongoSetup()), module)
                    .isNotNull();
            if (user != null) {
                softly.assertThat(prefix + user[0])
                        .withFailMessage(
                                "%s: user %s is created on %s%s, the service uses %s",
                                mountedScript(mongoSetup()), module, prefix, user[0], database)
                        .isEqualTo(database);
                softly.assertThat(variableOf(uri.group(2)))
                        .withFailMessage(
                                "%s: MONGODB_URI's password must be ${%s:?...}, the one mongo-setup uses, found %s",
                                module, user[1], uri.group(2))
                        .contains(user[1]);
                softly.assertThat(variableOf(stack.compose
                                .raw(mongoSetup().name())
                                .environment()
                                .getOrDefault(user[1], "")))
                        .withFailMessage(
                                "%s must get %s as ${%s:?...}", mongoSetup().name(), user[1], user[1])
                        .contains(user[1]);
            }
        }
        softly.assertThat(stack.container(module).dependsOn().get(mongoSetup().name()))
                .withFailMessage(
                        "%s must wait for %s (service_completed_successfully): its user does not exist before",
                        module, mongoSetup().name())
                .isEqualTo("service_completed_successfully");
        softly.assertAll();
    }

    @Test
    void mongoRequiresAuthenticationAndItsSetupRunsOnceItIsHealthy() {
        Container mongo = stack.mongo();
        Container setup = mongoSetup();
        Map<String, String> rawMongo = stack.compose.raw(mongo.name()).environment();

        var softly = new SoftAssertions();
        softly.assertThat(mongo.command())
                .withFailMessage("mongo must run with --auth (command: [\"--auth\"]), found '%s'", mongo.command())
                .contains("--auth");
        softly.assertThat(rawMongo.get("MONGO_INITDB_ROOT_USERNAME"))
                .withFailMessage("mongo: set MONGO_INITDB_ROOT_USERNAME")
                .isNotBlank();
        softly.assertThat(variableOf(rawMongo.getOrDefault("MONGO_INITDB_ROOT_PASSWORD", "")))
                .withFailMessage(
                        "mongo: MONGO_INITDB_ROOT_PASSWORD must be ${VAR:?message}, found %s",
                        rawMongo.get("MONGO_INITDB_ROOT_PASSWORD"))
                .isPresent();
        softly.assertThat(setup.image())
                .withFailMessage("%s must use the mongo image", setup.name())
                .isEqualTo(mongo.image());
        softly.assertThat(setup.restart())
                .withFailMessage("%s is a one-shot: restart: \"no\"", setup.name())
                .contains("no");
        softly.assertThat(setup.dependsOn().get(mongo.name()))
                .withFailMessage("%s must wait for %s to be healthy", setup.name(), mongo.name())
                .isEqualTo("service_healthy");
        softly.assertThat(setup.entrypoint())
                .withFailMessage("%s must log in as the root user mongo creates", setup.name())
                .contains("--username " + rawMongo.get("MONGO_INITDB_ROOT_USERNAME"));
        softly.assertAll();
    }

    @Test
    void noSecretHasADefaultOrAValueInTheComposeFile() {
        String text = Repo.read("docker-compose.yml");
        List<String> defaulted = new ArrayList<>();
        Matcher interpolation = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(:?-)").matcher(text);
        while (interpolation.find()) {
            if (SECRET_NAME.matcher(interpolation.group(1)).matches()) {
                defaulted.add(interpolation.group(1));
            }
        }
        List<String> literal = new ArrayList<>();
        for (Container container : stack.compose.containers()) {
            stack.compose.raw(container.name()).environment().forEach((name, value) -> {
                if (SECRET_NAME.matcher(name).matches()
                        && variableOf(String.valueOf(value)).isEmpty()) {
                    literal.add(container.name() + ": " + name + "=" + value);
                }
                Matcher password = Pattern.compile("password=\"?([^\";]*)").matcher(String.valueOf(value));
                if (password.find() && variableOf(password.group(1)).isEmpty()) {
                    literal.add(container.name() + ": " + name + " has password " + password.group(1));
                }
            });
        }
        var softly = new SoftAssertions();
        softly.assertThat(defaulted)
                .withFailMessage(
                        "docker-compose.yml gives secrets a default (${VAR:-...}): %s; use ${VAR:?message}", defaulted)
                .isEmpty();
        softly.assertThat(literal)
                .withFailMessage(
                        "docker-compose.yml holds secrets that do not come from a required variable: %s", literal)
                .isEmpty();
        softly.assertThat(stack.compose.required())
                .withFailMessage("docker-compose.yml requires no secret at all (${VAR:?message})")
                .contains("AUTH_ADMIN_PASSWORD", "MONGO_ROOT_PASSWORD");
        softly.assertAll();
    }

    /** The {@code ${VAR:?message}} a value consists of, if it is exactly that. */
    private static Optional<String> variableOf(String value) {
        Matcher matcher = REQUIRED_VARIABLE.matcher(value.strip());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** The table of the script mongo-setup mounts: user -> [database suffix, password variable]. */
    private Map<String, String[]> mongoUsers() {
        String script = Repo.read(mountedScript(mongoSetup()));
        Matcher row = Pattern.compile("\\['([^']+)',\\s*'([^']+)',\\s*'([A-Z][A-Z0-9_]*)'\\]")
                .matcher(script);
        Map<String, String[]> users = new LinkedHashMap<>();
        while (row.find()) {
            users.put(row.group(1), new String[] {row.group(2), row.group(3)});
        }
        return users;
    }

    /**
     * Spring Boot's Kafka settings of a service as it would bind them in the container: its environment
     * (highest precedence, relaxed binding of SPRING_KAFKA_*) over its application.yml.
     */
    private static KafkaProperties kafkaPropertiesAsBootBindsThem(String module, Map<String, String> environment) {
        MutablePropertySources sources = new MutablePropertySources();
        Map<String, Object> env = new LinkedHashMap<>(environment);
        // Boot maps SPRING_KAFKA_* names only for a source it recognises as the system environment, by name
        sources.addLast(new SystemEnvironmentPropertySource(
                "container-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        try {
            for (PropertySource<?> yaml : new YamlPropertySourceLoader()
                    .load(
                            "application.yml",
                            new FileSystemResource(Repo.path(module + "/" + ServiceConfig.LOCATION)))) {
                sources.addLast(yaml);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Binder binder = new Binder(
                ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
        return binder.bind("spring.kafka", KafkaProperties.class).orElseGet(KafkaProperties::new);
    }
}
