package dev.ordersaga.k8scheck;

import dev.ordersaga.configreaders.Repo;
import dev.ordersaga.configreaders.ServiceConfig;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The services of the reactor (the modules whose application.yml sets server.port), each a Deployment. */
final class Services {

    /** The six services; discovery must find at least these. */
    static final List<String> EXPECTED = List.of(
            "gateway", "auth-service", "customer-service", "inventory-service", "payment-service", "order-service");

    /**
     * Variables a manifest may set although no application.yml reads them yet, each for a reason:
     * tracing ({@code ZIPKIN_ENDPOINT}, {@code TRACING_SAMPLING_PROBABILITY}: the tracing settings
     * being added to every service) and the saga topics' shape ({@code SAGA_KAFKA_PARTITIONS},
     * {@code SAGA_KAFKA_REPLICATION_FACTOR}: saga-runtime's KafkaSettings, saga.kafka.*; {@code
     * SAGA_KAFKA_LISTENER_THREADS}, {@code SAGA_KAFKA_SESSION_TIMEOUT}: saga-runtime's SagaKafkaVariables). Once an
     * application.yml reads one, it is checked like every other variable anyway.
     */
    static final Set<String> KNOWN_EXTRA_ENV = Set.of(
            "ZIPKIN_ENDPOINT",
            "TRACING_SAMPLING_PROBABILITY",
            "SAGA_KAFKA_PARTITIONS",
            "SAGA_KAFKA_REPLICATION_FACTOR",
            "SAGA_KAFKA_LISTENER_THREADS",
            "SAGA_KAFKA_SESSION_TIMEOUT");

    /** Read by the JVM or by Spring Boot's relaxed binding of any property: no typo guard possible by name. */
    static final List<String> PLATFORM_ENV_PREFIXES =
            List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "SPRING_", "LOGGING_", "MANAGEMENT_");

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    private Services() {}

    static List<String> modules() {
        Matcher matcher = MODULE.matcher(Repo.read("pom.xml"));
        return matcher.results()
                .map(m -> m.group(1).trim())
                .filter(m -> Files.isRegularFile(Repo.path(ServiceConfig.file(m))))
                .filter(m -> ServiceConfig.of(m).property("server.port").isPresent())
                .toList();
    }

    static Stream<Arguments> overlaysAndServices() {
        List<String> modules = modules();
        return Overlay.names().flatMap(o -> modules.stream().map(m -> Arguments.of(o, m)));
    }

    /**
     * The operators' web console: one replica on purpose (its sign-in sessions live in the pod), so
     * no autoscaler, no disruption budget, no second replica in prod.
     */
    static final String OPERATOR_CONSOLE = "operator-console";

    /** The services that scale out: every service but the operator console. */
    static List<String> scaled() {
        return modules().stream().filter(m -> !m.equals(OPERATOR_CONSOLE)).toList();
    }

    static Stream<Arguments> overlaysAndScaledServices() {
        List<String> modules = scaled();
        return Overlay.names().flatMap(o -> modules.stream().map(m -> Arguments.of(o, m)));
    }
}
