package dev.ordersaga.composecheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.composecheck.ComposeFile.Build;
import dev.ordersaga.composecheck.ComposeFile.Container;
import dev.ordersaga.composecheck.Dockerfile.Instruction;
import dev.ordersaga.composecheck.Dockerfile.Stage;
import dev.ordersaga.configreaders.Repo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** The root Dockerfile against the reactor, the services and docker-compose.yml. */
class DockerfileTest {

    private static final List<String> LAYERS =
            List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

    /** Ubuntu-based Temurin images install curl and wget (adoptium/containers' Dockerfiles). */
    private static final Pattern TEMURIN_UBUNTU =
            Pattern.compile("eclipse-temurin:(\\d+)[^:]*-(jre|jdk)-(noble|jammy)");

    private final Stack stack = Stack.load();
    private final Dockerfile dockerfile = Dockerfile.load("Dockerfile");

    @Test
    void everyComposeBuildUsesThisDockerfileAndOneOfItsStages() {
        var softly = new SoftAssertions();
        for (Container container : stack.builtContainers()) {
            Build build = container.build().orElseThrow();
            softly.assertThat(build.context())
                    .withFailMessage(
                            "%s: build context must be the repository root '.', found %s",
                            container.name(), build.context())
                    .isIn(".", "./");
            softly.assertThat(build.dockerfile())
                    .withFailMessage(
                            "%s: must build from the root Dockerfile, found %s", container.name(), build.dockerfile())
                    .isEqualTo("Dockerfile");
            String target = build.target() == null ? dockerfile.defaultStage().name() : build.target();
            softly.assertThat(dockerfile.stage(target))
                    .withFailMessage(
                            "%s: build target %s is not a stage of the Dockerfile (stages: %s)",
                            container.name(),
                            target,
                            dockerfile.stages().stream().map(Stage::name).toList())
                    .isPresent();
            String module = build.args().get("MODULE");
            if (module != null) {
                softly.assertThat(stack.rootPom.modules())
                        .withFailMessage(
                                "%s: build arg MODULE=%s is not a module of the root pom %s",
                                container.name(), module, stack.rootPom.modules())
                        .contains(module);
            }
            List<String> declared = new ArrayList<>(dockerfile.globalArgs().keySet());
            dockerfile.stages().forEach(s -> s.all("ARG").forEach(a -> declared.add(argName(a))));
            softly.assertThat(declared)
                    .withFailMessage(
                            "%s: build args %s are not all declared by the Dockerfile (ARG %s)",
                            container.name(), build.args().keySet(), declared)
                    .containsAll(build.args().keySet());
            if (dockerfile.stage(target).isPresent()) {
                List<String> required = requiredArgs(dockerfile.stage(target).get());
                softly.assertThat(build.args().keySet())
                        .withFailMessage(
                                "%s: target %s (and the stages it builds on) needs build args %s, given %s",
                                container.name(), target, required, build.args().keySet())
                        .containsAll(required);
            }
        }
        softly.assertAll();
    }

    @Test
    void baseImagesArePinnedAndRunJava21OrNewer() {
        var softly = new SoftAssertions();
        List<String> stageNames = dockerfile.stages().stream().map(Stage::name).toList();
        for (Stage stage : dockerfile.stages()) {
            String base = dockerfile.resolve(stage.base());
            if (stageNames.contains(base)) {
                continue; // built on an earlier stage
            }
            softly.assertThat(Stack.isPinned(base))
                    .withFailMessage("stage %s: base image %s is not pinned to an exact version", stage.name(), base)
                    .isTrue();
            Matcher temurin = TEMURIN_UBUNTU.matcher(base);
            softly.assertThat(temurin.find() && Integer.parseInt(temurin.group(1)) >= 21)
                    .withFailMessage(
                            "stage %s: base image %s must be an eclipse-temurin 21+ Ubuntu image (JDK 21+ to"
                                    + " build, curl inside for the healthchecks)",
                            stage.name(), base)
                    .isTrue();
        }
        softly.assertThat(dockerfile.resolve(
                        dockerfile.stage("service").orElseThrow().base()))
                .withFailMessage("the service image must run on a JRE, not a JDK")
                .contains("-jre-");
        softly.assertAll();
    }

    @Test
    void dependencyLayerHasEveryPomOfTheReactorBeforeTheSources() {
        Stage deps = stageOf("deps");
        List<String> copied =
                deps.all("COPY").stream().map(Instruction::arguments).toList();
        List<String> missing = new ArrayList<>();
        for (String module : stack.rootPom.modules()) {
            if (copied.stream().noneMatch(c -> c.startsWith(module + "/pom.xml "))) {
                missing.add(module + "/pom.xml");
            }
        }
        assertThat(missing)
                .withFailMessage(
                        "the deps stage must COPY every module pom of the reactor (Maven refuses a reactor"
                                + " with a missing module) before resolving dependencies; missing: %s",
                        missing)
                .isEmpty();
        assertThat(copied)
                .withFailMessage(
                        "the deps stage must copy the root pom, mvnw and the wrapper settings, found %s", copied)
                .anyMatch(c -> c.startsWith("pom.xml "))
                .anyMatch(c -> c.startsWith("mvnw "))
                .anyMatch(c -> c.startsWith(".mvn/wrapper/maven-wrapper.properties "))
                .noneMatch(c -> c.startsWith(". "));
        assertThat(deps.runs())
                .withFailMessage(
                        "the deps stage must download the dependencies with the wrapper, found: %s", deps.runs())
                .contains("./mvnw", "dependency:go-offline");
    }

    /**
     * The no-Docker rehearsal (compose-check/rehearsal/rehearse.sh) executes every stage that runs
     * Maven, the dependency stage included (the first rehearsal ran only the build stage, so the
     * dependency layer had never run), and the build stage offline after it, as the image's
     * cached dependency layer must make possible.
     */
    @Test
    void theRehearsalRunsEveryMavenStageAndTheBuildOfflineAfterTheDependencies() {
        String rehearsal = Repo.read("compose-check/rehearsal/rehearse.sh");
        List<String> maven = dockerfile.stages().stream()
                .filter(stage -> stage.runs().contains("./mvnw"))
                .map(Stage::name)
                .toList();
        assertThat(maven).as("stages that run Maven").contains("deps", "build");
        for (String stage : maven) {
            assertThat(rehearsal)
                    .as("rehearse.sh must run the RUN of stage %s, selected by its FROM line", stage)
                    .containsPattern("/\\^FROM [^/]*AS " + stage + "[$/]");
        }
        assertThat(rehearsal)
                .as("rehearse.sh runs the build stage offline (MAVEN_ARGS=-o) on the dependency stage's Maven home")
                .containsPattern("MAVEN_ARGS=-o sh -c \"\\$build_run\"");
    }

    @Test
    void buildsEveryImagesModuleOnceWithTheMavenWrapper() {
        Stage build = stageOf("build");
        String runs = build.runs();
        String modules = build.all("ARG").stream()
                .map(Instruction::arguments)
                .filter(a -> a.startsWith("MODULES="))
                .map(a -> a.substring("MODULES=".length()))
                .findFirst()
                .orElse("");
        List<String> wanted = new ArrayList<>();
        for (Container container : stack.builtContainers()) {
            Build b = container.build().orElseThrow();
            wanted.add(b.args().getOrDefault("MODULE", "seed".equals(b.target()) ? "seed" : "?"));
        }
        assertThat(runs)
                .withFailMessage(
                        "the build stage must build the images' modules and what they need in one run:"
                                + " ./mvnw ... -DskipTests -pl \"${MODULES}\" -am package; found:%n%s",
                        runs)
                .contains("./mvnw", "-DskipTests", "-am package")
                .containsPattern("-pl \"?\\$\\{?MODULES}?\"?");
        assertThat(List.of(modules.split(",")))
                .withFailMessage(
                        "ARG MODULES=%s of the build stage must list every module an image is built from:" + " %s",
                        modules, wanted)
                .containsAll(wanted);
    }

    @Test
    void splitsTheChosenServiceJarIntoSpringBootLayers() {
        String runs = stageOf("layers").runs();
        assertThat(runs)
                .withFailMessage(
                        "the layers stage must split ${MODULE}'s jar into Spring Boot's layers with"
                                + " java -Djarmode=tools -jar <jar> extract --layers --launcher; found:%n%s",
                        runs)
                .contains("${MODULE}", "-Djarmode=tools", "extract", "--layers", "--launcher");
    }

    @Test
    void serviceImageRunsTheLayeredJarAsANonRootUserWithAContainerAwareHeap() {
        Stage service = stageOf("service");
        List<String> copies =
                service.all("COPY").stream().map(Instruction::arguments).toList();
        List<String> layerOrder = new ArrayList<>();
        for (String copy : copies) {
            LAYERS.stream().filter(l -> copy.contains("/" + l + "/")).forEach(layerOrder::add);
        }
        List<String> entrypoint = service.last("ENTRYPOINT")
                .map(i -> Dockerfile.execForm(i.arguments()))
                .orElse(List.of());
        String user = service.last("USER").map(Instruction::arguments).orElse("root");

        var softly = new SoftAssertions();
        softly.assertThat(layerOrder)
                .withFailMessage(
                        "the service image must copy the four layers, least changing first %s, found %s",
                        LAYERS, layerOrder)
                .isEqualTo(LAYERS);
        softly.assertThat(user.split(":")[0])
                .withFailMessage("the service image must run as a non-root user (USER), found '%s'", user)
                .isNotIn("root", "0", "");
        softly.assertThat(entrypoint)
                .withFailMessage(
                        "ENTRYPOINT must be the exec form [\"java\", \"-XX:MaxRAMPercentage=...\", ...,"
                                + " \"org.springframework.boot.loader.launch.JarLauncher\"], found %s",
                        entrypoint)
                .startsWith("java")
                .anyMatch(word -> word.startsWith("-XX:MaxRAMPercentage="))
                .endsWith("org.springframework.boot.loader.launch.JarLauncher");
        softly.assertAll();
    }

    @Test
    void serviceImageExposesAndProbesTheServicePort() {
        Stage service = stageOf("service");
        String expose = service.last("EXPOSE").map(Instruction::arguments).orElse("");
        String env = String.join(
                " ", service.all("ENV").stream().map(Instruction::arguments).toList());
        String healthcheck =
                service.last("HEALTHCHECK").map(Instruction::arguments).orElse("");

        var softly = new SoftAssertions();
        softly.assertThat(
                        service.all("ARG").stream().map(Instruction::arguments).toList())
                .withFailMessage("the service stage must take the port as ARG PORT")
                .contains("PORT");
        softly.assertThat(expose)
                .withFailMessage("the service image must EXPOSE ${PORT}, found EXPOSE %s", expose)
                .isEqualTo("${PORT}");
        softly.assertThat(env)
                .withFailMessage(
                        "the service image must default SERVER_PORT to the build arg: ENV"
                                + " SERVER_PORT=${PORT}, found ENV %s",
                        env)
                .contains("SERVER_PORT=${PORT}");
        softly.assertThat(healthcheck)
                .withFailMessage(
                        "the service image needs a HEALTHCHECK that curls"
                                + " http://localhost:${SERVER_PORT}/actuator/health/readiness, found '%s'",
                        healthcheck)
                .contains("CMD", "curl", "http://localhost:${SERVER_PORT}/actuator/health/readiness");
        softly.assertAll();
    }

    @Test
    void seedImageRunsTheSeederFromItsShadedJar() {
        Stage seed = stageOf("seed");
        List<String> entrypoint = seed.last("ENTRYPOINT")
                .map(i -> Dockerfile.execForm(i.arguments()))
                .orElse(List.of());
        String mainClass = entrypoint.isEmpty() ? "" : entrypoint.getLast();
        String copies = String.join(
                "\n", seed.all("COPY").stream().map(Instruction::arguments).toList());
        Matcher classifier = Pattern.compile("<shadedClassifierName>([^<]+)</shadedClassifierName>")
                .matcher(Repo.read("seed/pom.xml"));

        var softly = new SoftAssertions();
        softly.assertThat(Repo.exists("seed/src/main/java/" + mainClass.replace('.', '/') + ".java"))
                .withFailMessage("the seed image runs main class '%s', which is not in seed/src/main/java", mainClass)
                .isTrue();
        softly.assertThat(classifier.find())
                .withFailMessage("seed/pom.xml no longer builds a shaded jar (shadedClassifierName), which the seed"
                        + " image runs with its dependencies inside")
                .isTrue();
        if (classifier.find(0)) {
            softly.assertThat(copies)
                    .withFailMessage(
                            "the seed image must copy the shaded jar seed/target/seed-*-%s.jar from the build"
                                    + " stage, found COPY %s",
                            classifier.group(1), copies)
                    .contains("--from=build", "seed/target/seed-*-" + classifier.group(1) + ".jar");
        }
        softly.assertThat(seed.last("USER")
                        .map(Instruction::arguments)
                        .orElse("root")
                        .split(":")[0])
                .withFailMessage("the seed image must run as a non-root user")
                .isNotIn("root", "0");
        softly.assertAll();
    }

    @Test
    void dockerignoreKeepsOutputAndSecretsOutButKeepsWhatTheBuildCopies() {
        List<String> patterns = Repo.read(".dockerignore")
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        var softly = new SoftAssertions();
        softly.assertThat(patterns)
                .withFailMessage(
                        ".dockerignore must keep build output, git data and secrets out: expected **/target/,"
                                + " .git/ and .env in %s",
                        patterns)
                .contains("**/target/", ".git/", ".env");
        List<String> needed = new ArrayList<>(List.of("mvnw", ".mvn/wrapper/maven-wrapper.properties", "pom.xml"));
        for (Container container : stack.builtContainers()) {
            Build build = container.build().orElseThrow();
            String module = build.args().getOrDefault("MODULE", "seed".equals(build.target()) ? "seed" : null);
            if (module != null) {
                for (String built : Repo.withInternalDependencies(module)) {
                    needed.add(built + "/src/main/java");
                    needed.add(built + "/pom.xml");
                }
            }
        }
        for (String path : needed) {
            softly.assertThat(patterns.stream().filter(p -> ignores(p, path)).toList())
                    .withFailMessage(".dockerignore excludes %s, which the image build needs", path)
                    .isEmpty();
        }
        softly.assertAll();
    }

    private Stage stageOf(String name) {
        return dockerfile
                .stage(name)
                .orElseThrow(() -> new AssertionError("the Dockerfile has no stage '" + name + "' (stages: "
                        + dockerfile.stages().stream().map(Stage::name).toList() + ")"));
    }

    /** ARGs without a default that the stage, or a stage it builds on or copies from, declares. */
    private List<String> requiredArgs(Stage stage) {
        List<String> required = new ArrayList<>();
        stage.all("ARG").stream()
                .filter(a -> !a.arguments().contains("="))
                .map(DockerfileTest::argName)
                .forEach(required::add);
        List<String> referenced = new ArrayList<>();
        referenced.add(stage.base());
        stage.all("COPY").forEach(copy -> {
            Matcher from = Pattern.compile("--from=(\\S+)").matcher(copy.arguments());
            if (from.find()) {
                referenced.add(from.group(1));
            }
        });
        referenced.stream()
                .map(dockerfile::stage)
                .flatMap(Optional::stream)
                .filter(s -> s != stage)
                .forEach(s -> requiredArgs(s).stream()
                        .filter(a -> !required.contains(a))
                        .forEach(required::add));
        return required;
    }

    private static String argName(Instruction arg) {
        return arg.arguments().split("=", 2)[0].strip();
    }

    /** A simplified .dockerignore match: a pattern ignores a path it equals or is a parent directory of. */
    private static boolean ignores(String pattern, String path) {
        String p = pattern.startsWith("!")
                ? ""
                : pattern.replaceFirst("^\\*\\*/", "").replaceFirst("/$", "");
        if (p.isEmpty()) {
            return false;
        }
        String regex = Pattern.quote(p).replace("*", "\\E[^/]*\\Q");
        return path.matches(regex + "(/.*)?")
                || (pattern.startsWith("**/") && path.matches("(.*/)?" + regex + "(/.*)?"));
    }
}
