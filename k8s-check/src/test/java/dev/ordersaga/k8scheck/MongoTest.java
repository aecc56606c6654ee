package dev.ordersaga.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.configreaders.Repo;
import dev.ordersaga.configreaders.ServiceConfig;
import dev.ordersaga.k8scheck.Overlay.Variable;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MongoDB: a three-member replica set with keyfile authentication, initiated by a Job that also
 * creates one user per service database; each service connects as that user to that database.
 */
class MongoTest {

    static final String STATEFUL_SET = "mongodb";
    static final String INIT_JOB = "mongodb-init";
    static final String SETUP_SCRIPT = "deploy/k8s/base/mongodb/mongo-setup.js";

    /** A row of mongo-setup.js's table: ['auth-service', 'auth', 'AUTH_SERVICE_MONGODB_PASSWORD']. */
    private static final Pattern USER_ROW = Pattern.compile("\\['([^']+)', '([^']+)', '([A-Z_]+)'\\]");

    private static final Pattern URI = Pattern.compile("mongodb://([^:@/]+):([^@]+)@([^/]+)/([^?]+)\\?(.*)");

    static Stream<Arguments> overlaysAndServices() {
        return Services.overlaysAndServices()
                .filter(a -> ServiceConfig.of((String) a.get()[1])
                        .property("spring.mongodb.uri")
                        .isPresent());
    }

    @Test
    void dockerComposeRunsTheSameSetupScript() {
        assertThat(Repo.read("docker-compose.yml"))
                .withFailMessage(
                        "docker-compose.yml's mongo-setup must mount %s (one users table for both deployments;"
                                + " kustomize reads no file outside deploy/k8s, so it lives there)",
                        SETUP_SCRIPT)
                .contains("./" + SETUP_SCRIPT + ":/setup/mongo-setup.js");
    }

    @ForEachOverlay
    void threeMembersWithKeyfileAuthenticationAndAnInitJob(String overlayName) {
        Overlay overlay = Overlay.render(overlayName);
        StatefulSet mongo = statefulSet(overlay);
        Container container =
                mongo.getSpec().getTemplate().getSpec().getContainers().getFirst();
        var softly = new SoftAssertions();
        softly.assertThat(mongo.getSpec().getReplicas())
                .as("%s: MongoDB members", overlayName)
                .isEqualTo(3);
        softly.assertThat(container.getImage())
                .as("%s: MongoDB image, the one docker-compose.yml runs", overlayName)
                .startsWith("mongo:8")
                .isEqualTo(composeMongoImage());
        softly.assertThat(String.join(" ", container.getArgs()))
                .as("%s: mongod arguments", overlayName)
                .contains("--replSet rs0")
                .contains("--keyFile ")
                .contains("--bind_ip_all");
        Optional<Service> headless =
                overlay.named(Service.class, mongo.getSpec().getServiceName());
        softly.assertThat(headless.map(s -> s.getSpec().getClusterIP()))
                .withFailMessage(
                        "%s: the StatefulSet's serviceName %s must be a headless Service (clusterIP None)",
                        overlayName, mongo.getSpec().getServiceName())
                .contains("None");
        Job init = overlay.named(Job.class, INIT_JOB)
                .orElseThrow(() -> new AssertionError(overlayName + ": no Job " + INIT_JOB));
        String script = String.join(
                "\n",
                init.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getCommand());
        softly.assertThat(script)
                .as("%s: %s initiates the replica set", overlayName, INIT_JOB)
                .contains("rs.initiate");
        members(mongo)
                .forEach(member -> softly.assertThat(script)
                        .as("%s: %s names member %s", overlayName, INIT_JOB, member)
                        .contains(member));
        softly.assertThat(script).contains("/setup/mongo-setup.js");
        String setupMap = init.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getConfigMap() != null)
                .map(v -> v.getConfigMap().getName())
                .findFirst()
                .orElse("");
        softly.assertThat(overlay.named(ConfigMap.class, setupMap)
                        .map(m -> m.getData().get("mongo-setup.js")))
                .as("%s: %s runs mongo-setup.js from ConfigMap %s", overlayName, INIT_JOB, setupMap)
                .contains(Repo.read(SETUP_SCRIPT));
        softly.assertAll();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("overlaysAndServices")
    void connectsAsItsOwnUserToItsOwnDatabaseOnEveryMember(String overlayName, String service) {
        Overlay overlay = Overlay.render(overlayName);
        ServiceConfig config = ServiceConfig.of(service);
        Map<String, Variable> environment = overlay.environment(overlay.container(service));
        String uri = Optional.ofNullable(environment.get("MONGODB_URI"))
                .flatMap(Variable::literal)
                .orElseThrow(() -> new AssertionError(overlayName + ": " + service + " sets no MONGODB_URI value"));
        Matcher matcher = URI.matcher(uri);
        assertThat(matcher.matches())
                .withFailMessage(
                        "%s: %s has MONGODB_URI=%s, not mongodb://user:password@hosts/database?options",
                        overlayName, service, uri)
                .isTrue();
        String database = config.propertyWith("spring.mongodb.database", DeploymentsTest.literals(environment))
                .orElseThrow();
        StatefulSet mongo = statefulSet(overlay);
        var softly = new SoftAssertions();
        softly.assertThat(matcher.group(1))
                .as("%s: %s's MongoDB user", overlayName, service)
                .isEqualTo(service);
        softly.assertThat(matcher.group(4))
                .withFailMessage(
                        "%s: %s authenticates on database %s, but uses %s (spring.mongodb.database with its"
                                + " environment); its user lives in the database it uses",
                        overlayName, service, matcher.group(4), database)
                .isEqualTo(database);
        softly.assertThat(List.of(matcher.group(3).split(",")))
                .as("%s: %s's MONGODB_URI hosts are the members", overlayName, service)
                .containsExactlyInAnyOrderElementsOf(members(mongo));
        softly.assertThat(matcher.group(5))
                .as("%s: replica set of %s", overlayName, service)
                .contains("replicaSet=rs0");
        // The password is the one the init Job gives this user (mongo-setup.js's table names the variable).
        Matcher reference = Pattern.compile("\\$\\(([A-Z_]+)\\)").matcher(matcher.group(2));
        softly.assertThat(reference.matches())
                .withFailMessage(
                        "%s: %s's MONGODB_URI password is not a $(VARIABLE) from a Secret", overlayName, service)
                .isTrue();
        if (reference.matches()) {
            Variable password = environment.get(reference.group(1));
            Variable given = jobVariables(overlay).get(setupVariable(service));
            softly.assertThat(password != null && password.fromSecret() && given != null && given.fromSecret())
                    .withFailMessage(
                            "%s: %s's password (%s) and the init Job's %s must both come from a Secret",
                            overlayName, service, password, setupVariable(service))
                    .isTrue();
            if (password != null && given != null && password.fromSecret() && given.fromSecret()) {
                softly.assertThat(password.secret().getName() + "/"
                                + password.secret().getKey())
                        .withFailMessage(
                                "%s: %s logs in with Secret %s/%s, the init Job creates its user with %s/%s",
                                overlayName,
                                service,
                                password.secret().getName(),
                                password.secret().getKey(),
                                given.secret().getName(),
                                given.secret().getKey())
                        .isEqualTo(
                                given.secret().getName() + "/" + given.secret().getKey());
            }
        }
        softly.assertAll();
    }

    private static StatefulSet statefulSet(Overlay overlay) {
        return overlay.named(StatefulSet.class, STATEFUL_SET)
                .orElseThrow(() -> new AssertionError(overlay.name() + ": no StatefulSet " + STATEFUL_SET));
    }

    /** mongodb-0.mongodb:27017, ...: each member by its stable name under the headless Service. */
    private static List<String> members(StatefulSet mongo) {
        String name = mongo.getMetadata().getName();
        String serviceName = mongo.getSpec().getServiceName();
        return IntStream.range(0, mongo.getSpec().getReplicas())
                .mapToObj(i -> name + "-" + i + "." + serviceName + ":27017")
                .toList();
    }

    private static Map<String, Variable> jobVariables(Overlay overlay) {
        Job init = overlay.named(Job.class, INIT_JOB).orElseThrow();
        return overlay.environment(
                init.getSpec().getTemplate().getSpec().getContainers().getFirst());
    }

    private static String setupVariable(String service) {
        List<String> rows = new ArrayList<>();
        Matcher row = USER_ROW.matcher(Repo.read(SETUP_SCRIPT));
        while (row.find()) {
            if (row.group(1).equals(service)) {
                return row.group(3);
            }
            rows.add(row.group(1));
        }
        throw new AssertionError(SETUP_SCRIPT + " creates no user " + service + "; it creates " + rows);
    }

    /**
     * Every container of the mongo image that runs the image's own entrypoint (mongod) keeps
     * restartable sequences with glibc: mongod 8.x's TCMalloc per-CPU caches crash on Linux 6.19
     * to 7.0.13, and newer patches refuse to start there (SERVER-121912), whatever the node.
     */
    @ForEachOverlay
    void everyMongodRunsInTheKernelIndependentTcmallocMode(String overlayName) {
        Overlay overlay = Overlay.render(overlayName);
        List<Container> mongods = DevUpScriptTest.podSpecs(overlay).stream()
                .flatMap(spec -> Stream.concat(spec.getContainers().stream(), spec.getInitContainers().stream()))
                .filter(c -> c.getImage().startsWith("mongo:"))
                .filter(c -> c.getCommand() == null || c.getCommand().isEmpty())
                .toList();
        assertThat(mongods).as("%s: containers running mongod", overlayName).isNotEmpty();
        for (Container mongod : mongods) {
            assertThat(mongod.getEnv())
                    .as("%s: container %s", overlayName, mongod.getName())
                    .anySatisfy(env -> {
                        assertThat(env.getName()).isEqualTo("GLIBC_TUNABLES");
                        assertThat(env.getValue()).isEqualTo("glibc.pthread.rseq=1");
                    });
        }
    }

    /** The image of docker-compose.yml's mongo service: one MongoDB version for both deployments. */
    @SuppressWarnings("unchecked")
    static String composeMongoImage() {
        Map<String, Object> compose = new org.yaml.snakeyaml.Yaml(
                        new org.yaml.snakeyaml.constructor.SafeConstructor(new org.yaml.snakeyaml.LoaderOptions()))
                .load(Repo.read("docker-compose.yml"));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        return String.valueOf(((Map<String, Object>) services.get("mongo")).get("image"));
    }
}
