package dev.ordersaga.k8scheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.configreaders.Repo;
import dev.ordersaga.configreaders.ServiceConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * deploy/k8s/dev-up.sh, the documented path from a machine with Docker to the dev overlay on a
 * kind cluster, run here against stand-ins of docker, kind, kubectl (but {@code kubectl
 * kustomize}, the real one) and curl that record what they are asked: the cluster, Strimzi at the
 * version the manifests are checked against and watching the overlay's namespace, a build and a
 * load for every image of this repository a dev pod runs (the first version's pods pulled
 * order-saga/&lt;service&gt; images that no documented command built), the apply, the waits and the
 * README's curls. And it refuses clearly, with exit code 2, when a tool is missing.
 */
class DevUpScriptTest {

    static final String SCRIPT = "deploy/k8s/dev-up.sh";
    static final List<String> SCRIPTS = List.of(
            SCRIPT,
            StrimziCrds.INSTALL_SCRIPT,
            "compose-check/rehearsal/rehearse.sh",
            "k8s-check/strimzi/vendor-crds.sh");
    static final List<String> TOOLS = List.of("docker", "kind", "kubectl", "curl");

    private static DryRun dryRun;

    @Test
    void it_refuses_clearly_when_every_tool_is_missing() throws IOException {
        Path empty = Files.createTempDirectory("dev-up-empty-path");
        Run run = run(empty.toString(), Map.of());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.stderr()).contains("dev-up: missing on the PATH: docker kind kubectl curl");
        for (String tool : TOOLS) {
            assertThat(run.stderr()).as(run.toString()).contains("  " + tool + ": ");
        }
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void it_names_the_one_missing_tool_and_refuses_a_docker_engine_that_does_not_answer() throws IOException {
        Path withoutKind = Files.createTempDirectory("dev-up-no-kind");
        for (String tool : List.of("docker", "kubectl", "curl")) {
            Files.copy(stubs().resolve(tool), withoutKind.resolve(tool));
        }
        Run noKind = run(withoutKind + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/bin", Map.of());
        assertThat(noKind.exitCode()).as(noKind.toString()).isEqualTo(2);
        assertThat(noKind.stderr()).contains("missing on the PATH: kind").doesNotContain("  docker: ");

        Run dockerDown = run(stubPath(), Map.of("STUB_DOCKER_DOWN", "1"));
        assertThat(dockerDown.exitCode()).as(dockerDown.toString()).isEqualTo(2);
        assertThat(dockerDown.stderr()).contains("the Docker engine does not answer");
    }

    @Test
    void it_creates_the_cluster_installs_the_checked_strimzi_and_applies_the_dev_overlay() {
        DryRun run = dryRun();
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.commands())
                .anyMatch(c ->
                        c.startsWith("kind create cluster --name order-saga-dev --image kindest/node:v1.35.8@sha256:"));
        String version = StrimziCrds.installedVersion();
        assertThat(run.commands())
                .as("the Strimzi release file of the version k8s-check validates against")
                .anyMatch(c -> c.startsWith("curl ")
                        && c.contains(
                                "/releases/download/" + version + "/strimzi-cluster-operator-" + version + ".yaml"));
        assertThat(run.strimziNamespaces()).containsExactly(NamespacesTest.namespace(NamespacesTest.DEV));
        int apply = run.index("kubectl apply -k " + Repo.path(Overlay.DIRECTORY).resolve(NamespacesTest.DEV));
        assertThat(apply).as("kubectl apply -k overlays/dev%n%s", run.output()).isNotNegative();
        String ns = NamespacesTest.namespace(NamespacesTest.DEV);
        assertThat(Overlay.render(NamespacesTest.DEV).named(Job.class, "seed"))
                .as("the seed Job dev-up.sh waits for (the README's curls need its demo data)")
                .isPresent();
        for (String wait : List.of(
                "kubectl -n " + ns + " wait kafka --all --for=condition=Ready",
                "kubectl -n " + ns + " wait deployment --all --for=condition=Available",
                "kubectl -n " + ns + " wait job/seed --for=condition=Complete")) {
            assertThat(run.index(wait)).as(wait).isGreaterThan(apply);
        }
    }

    @Test
    void every_image_of_this_repository_a_dev_pod_runs_is_built_and_loaded_before_the_apply() {
        DryRun run = dryRun();
        Overlay dev = Overlay.render(NamespacesTest.DEV);
        List<String> images = podSpecs(dev).stream()
                .flatMap(spec -> Stream.concat(spec.getContainers().stream(), spec.getInitContainers().stream()))
                .map(Container::getImage)
                .filter(image -> image.startsWith("order-saga/"))
                .distinct()
                .sorted()
                .toList();
        assertThat(images).as("order-saga/* images of the dev pods").isNotEmpty();
        int apply = run.indexStartingWith("kubectl apply -k ");
        for (String image : images) {
            String module = image.substring("order-saga/".length()).split(":")[0];
            String build =
                    Repo.read("Dockerfile").lines().anyMatch(l -> l.matches("FROM .* AS " + Pattern.quote(module)))
                            ? "docker build --target " + module + " -t " + image + " "
                            : "docker build --build-arg MODULE=" + module + " --build-arg PORT="
                                    + ServiceConfig.of(module)
                                            .propertyDefault("server.port")
                                            .orElseThrow() + " -t " + image + " ";
            int built = run.indexStartingWith(build);
            int loaded = run.index("kind load docker-image " + image + " --name order-saga-dev");
            assertThat(built)
                    .as("%s: %s...%n%s", image, build, run.output())
                    .isNotNegative()
                    .isLessThan(apply);
            assertThat(loaded)
                    .as("%s loaded into the kind node", image)
                    .isGreaterThan(built)
                    .isLessThan(apply);
        }
    }

    @Test
    void it_runs_the_readmes_curls_through_a_port_forward_to_the_gateway() {
        DryRun run = dryRun();
        String ns = NamespacesTest.namespace(NamespacesTest.DEV);
        int forward = run.index("kubectl -n " + ns + " port-forward svc/gateway 9080:9080");
        int login = run.indexStartingWith("curl -sS -w \\n%{http_code} -X POST http://localhost:9080/api/auth/login");
        int order = run.indexStartingWith("curl -sS -w \\n%{http_code} -X POST http://localhost:9080/api/create_order");
        assertThat(forward).as(run.output()).isNotNegative();
        assertThat(login).as(run.output()).isGreaterThan(forward);
        assertThat(order).as(run.output()).isGreaterThan(login);
        String readme = Repo.read("README.md");
        assertThat(run.commands().get(login)).contains("\"username\": \"klea\", \"password\": \"password123\"");
        Matcher ids = Pattern.compile("\"(customer_id|product_id)\": \"([0-9a-f]{24})\"")
                .matcher(run.commands().get(order));
        int found = 0;
        while (ids.find()) {
            found++;
            assertThat(readme)
                    .as("the README's create_order curl sends %s", ids.group())
                    .contains(ids.group());
        }
        assertThat(found).as("customer and products of the order").isEqualTo(3);
        assertThat(run.commands().get(order)).as("the token of the login").contains("stub-token");
        assertThat(run.output()).contains("CONFIRMED");
    }

    @Test
    void the_scripts_parse_and_shellcheck_finds_nothing() throws IOException, InterruptedException {
        for (String script : SCRIPTS) {
            Process process = new ProcessBuilder(bash(), "-n", Repo.path(script).toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0)
                    .as("bash -n %s: %s", script, output)
                    .isTrue();
            assertThat(Files.isExecutable(Repo.path(script)))
                    .as("%s is executable", script)
                    .isTrue();
        }
        Optional<Path> shellcheck = onPath("shellcheck");
        Assumptions.assumeTrue(
                shellcheck.isPresent(), "shellcheck is not installed (Debian: apt-get install shellcheck)");
        List<String> command = new ArrayList<>(List.of(shellcheck.get().toString()));
        SCRIPTS.forEach(s -> command.add(Repo.path(s).toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0)
                .as("shellcheck: %s", output)
                .isTrue();
    }

    /** The pod templates of an overlay: Deployments, StatefulSets and Jobs. */
    static List<PodSpec> podSpecs(Overlay overlay) {
        List<PodSpec> specs = new ArrayList<>();
        overlay.all(Deployment.class)
                .forEach(d -> specs.add(d.getSpec().getTemplate().getSpec()));
        overlay.all(StatefulSet.class)
                .forEach(s -> specs.add(s.getSpec().getTemplate().getSpec()));
        overlay.all(Job.class).forEach(j -> specs.add(j.getSpec().getTemplate().getSpec()));
        return specs;
    }

    /** One run of dev-up.sh against the stand-ins, shared by the tests (it renders the overlay once). */
    static synchronized DryRun dryRun() {
        Assumptions.assumeTrue(Overlay.kubectl().isPresent(), "kubectl is not on the PATH: dev-up.sh is not run");
        if (dryRun == null) {
            try {
                Path log = Files.createTempFile("dev-up-stub", ".log");
                Run run = run(
                        stubPath(),
                        Map.of(
                                "STUB_LOG", log.toString(),
                                "REAL_KUBECTL", Overlay.kubectl().orElseThrow().toString()));
                dryRun = new DryRun(run, Files.readString(log));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dryRun;
    }

    /** dev-up.sh's exit code and output, and what the stand-ins were asked, one command a line. */
    record DryRun(Run run, String log) {

        int exitCode() {
            return run.exitCode();
        }

        String output() {
            return run + "\n--- commands:\n" + log;
        }

        /** Each command as its stand-in logged it; a command's standard input follows it, indented. */
        List<String> commands() {
            List<String> commands = new ArrayList<>();
            for (String entry : log.split("\n(?=[a-z]+ )")) {
                commands.add(entry.strip());
            }
            return commands;
        }

        int index(String command) {
            List<String> commands = commands();
            for (int i = 0; i < commands.size(); i++) {
                if (commands.get(i).equals(command)
                        || commands.get(i).startsWith(command + " ")
                        || commands.get(i).startsWith(command + "\n")) {
                    return i;
                }
            }
            return -1;
        }

        int indexStartingWith(String prefix) {
            List<String> commands = commands();
            for (int i = 0; i < commands.size(); i++) {
                if (commands.get(i).startsWith(prefix)) {
                    return i;
                }
            }
            return -1;
        }

        /**
         * The namespaces in the Strimzi release file as the next kubectl apply after its download
         * read it (its bindings name the operator's namespace, which it watches), and that apply's.
         */
        List<String> strimziNamespaces() {
            List<String> commands = commands();
            int download = indexStartingWith("curl -fsSL https://github.com/strimzi/");
            TreeSet<String> namespaces = new TreeSet<>();
            for (int i = download + 1; download >= 0 && i < commands.size(); i++) {
                if (commands.get(i).startsWith("kubectl apply ")) {
                    Matcher matcher =
                            Pattern.compile("(?:namespace: |-n )(\\S+)").matcher(commands.get(i));
                    while (matcher.find()) {
                        namespaces.add(matcher.group(1));
                    }
                    break;
                }
            }
            return List.copyOf(namespaces);
        }
    }

    record Run(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout:\n" + stdout + "\n--- stderr:\n" + stderr;
        }
    }

    private static Run run(String path, Map<String, String> environment) {
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(bash(), Repo.path(SCRIPT).toString());
            builder.environment().clear();
            builder.environment().put("PATH", path);
            builder.environment().put("HOME", System.getProperty("java.io.tmpdir"));
            builder.environment().putAll(environment);
            Path out = Files.createTempFile("dev-up", ".out");
            Path err = Files.createTempFile("dev-up", ".err");
            Process process = builder.redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("dev-up.sh did not finish in 3 minutes: " + Files.readString(err));
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String stubPath() {
        return stubs() + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/bin";
    }

    /** The stand-ins: each appends its command line (and what it read on standard input) to $STUB_LOG. */
    private static synchronized Path stubs() {
        try {
            Path dir = Files.createTempDirectory("dev-up-stubs");
            write(dir, "docker", """
                    echo "docker $*" >> "${STUB_LOG:-/dev/null}"
                    [ "$1" = info ] && [ -n "${STUB_DOCKER_DOWN:-}" ] && exit 1
                    exit 0
                    """);
            write(dir, "kind", """
                    echo "kind $*" >> "${STUB_LOG:-/dev/null}"
                    [ "$1" = version ] && echo "kind v0.33.0 go1.25.4 linux/amd64"
                    exit 0
                    """);
            write(dir, "kubectl", """
                    [ "$1" = kustomize ] && exec "$REAL_KUBECTL" "$@"
                    case " $* " in
                      *" -f - "*)
                        # Read the pipe to its end before logging: the commands feeding it (curl | sed)
                        # have then logged their own lines, so the log keeps the script's order.
                        input=$(cat)
                        echo "kubectl $*" >> "${STUB_LOG:-/dev/null}"
                        printf '%s\n' "$input" | sed 's/^/    /' >> "${STUB_LOG:-/dev/null}" ;;
                      *" port-forward "*)
                        echo "kubectl $*" >> "${STUB_LOG:-/dev/null}"
                        exec sleep 30 ;;
                      *) echo "kubectl $*" >> "${STUB_LOG:-/dev/null}" ;;
                    esac
                    exit 0
                    """);
            write(dir, "curl", """
                    echo "curl $*" >> "${STUB_LOG:-/dev/null}"
                    for a in "$@"; do case $a in http*) url=$a ;; esac; done
                    case ${url:-} in
                      *strimzi-cluster-operator-*.yaml) printf 'kind: ClusterRoleBinding\\nsubjects:\\n  - kind: ServiceAccount\\n    namespace: myproject\\n' ;;
                      */api/auth/login) printf '{"token":"stub-token"}\\n200' ;;
                      */api/create_order) printf '{"order_id":"stub","status":"CONFIRMED"}\\n201' ;;
                    esac
                    exit 0
                    """);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path dir, String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!" + bash() + "\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String bash() {
        return onPath("bash")
                .or(() -> Optional.of(Path.of("/bin/bash")).filter(Files::isExecutable))
                .map(Path::toString)
                .orElseThrow(() -> new AssertionError("no bash"));
    }

    private static Optional<Path> onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, tool))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
