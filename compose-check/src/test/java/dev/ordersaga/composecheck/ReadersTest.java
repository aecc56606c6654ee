package dev.ordersaga.composecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ordersaga.composecheck.Stack.Endpoint;
import dev.ordersaga.configreaders.ServiceConfig;
import dev.ordersaga.configreaders.ServiceConfig.Placeholder;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** The readers the checks rely on read what Docker Compose, BuildKit and Spring read. */
class ReadersTest {

    @Test
    void composeInterpolationUsesTheDefaultsAndMergeKeysApply() {
        ComposeFile compose = ComposeFile.parse("""
                x-env: &env
                  A: "${A_URL:-http://a:1}"
                services:
                  one:
                    image: busybox:1.37.0
                    environment:
                      <<: *env
                      PRICE: "$$5"
                      B: ${B:?set B}
                """);
        assertThat(compose.container("one").orElseThrow().environment())
                .containsEntry("A", "http://a:1")
                .containsEntry("PRICE", "$5")
                .containsEntry("B", "");
        assertThat(compose.interpolationDefaults()).containsEntry("A_URL", "http://a:1");
        assertThat(compose.interpolatedWithoutDefault()).containsExactly("B");
    }

    @Test
    void composeShortSyntaxOfPortsVolumesAndDependsOn() {
        ComposeFile.Container container =
                ComposeFile.parse("""
                        services:
                          one:
                            image: busybox:1.37.0
                            ports: ["127.0.0.1:9094:9094", "9080:9080", "7000"]
                            volumes: ["data:/var/lib/data", "./conf:/etc/conf:ro"]
                            depends_on: [two]
                          two:
                            image: busybox:1.37.0
                        """).container("one").orElseThrow();
        assertThat(container.ports())
                .containsExactly(
                        new ComposeFile.PortMapping("127.0.0.1", "9094", 9094),
                        new ComposeFile.PortMapping("", "9080", 9080),
                        new ComposeFile.PortMapping("", "", 7000));
        assertThat(container.volumes())
                .containsExactly(
                        new ComposeFile.Mount("data", "/var/lib/data", true),
                        new ComposeFile.Mount("./conf", "/etc/conf", false, Set.of("ro")));
        assertThat(container.dependsOn()).containsEntry("two", "service_started");
    }

    @Test
    void mountOptionsInTheShortAndTheLongSyntax() {
        ComposeFile.Container container =
                ComposeFile.parse("""
                        services:
                          one:
                            image: busybox:1.37.0
                            volumes:
                              - ./a:/a:ro,z
                              - ./b:/b
                              - data:/data
                              - type: bind
                                source: ./c
                                target: /c
                                read_only: true
                                bind:
                                  selinux: Z
                        """).container("one").orElseThrow();
        assertThat(container.volumes())
                .extracting(ComposeFile.Mount::bind, ComposeFile.Mount::selinuxLabelled)
                .containsExactly(tuple(true, true), tuple(true, false), tuple(false, false), tuple(true, true));
        assertThat(container.volumes().get(3).options()).containsExactlyInAnyOrder("ro", "Z");
    }

    @Test
    void aFixedAddressIsRefusedUnlessItLiesInTheSubnetOutsideTheDynamicRange() {
        String gateway = """
                services:
                  gateway:
                    image: busybox:1.37.0
                    networks:
                      default:
                        ipv4_address: %s
                networks:
                  default:
                    ipam:
                      config:
                        - subnet: 172.28.0.0/24
                %s
                """;
        // the file of issue 29: a subnet without ip_range, so Docker may give .10 to an earlier container
        assertThat(HostIndependenceTest.staticAddressProblems(ComposeFile.parse(gateway.formatted("172.28.0.10", ""))))
                .singleElement(InstanceOfAssertFactories.STRING)
                .contains("no ip_range");
        String range = "          ip_range: 172.28.0.128/25";
        assertThat(HostIndependenceTest.staticAddressProblems(
                        ComposeFile.parse(gateway.formatted("172.28.0.200", range))))
                .singleElement(InstanceOfAssertFactories.STRING)
                .contains("inside ip_range");
        assertThat(HostIndependenceTest.staticAddressProblems(
                        ComposeFile.parse(gateway.formatted("172.29.0.10", range))))
                .singleElement(InstanceOfAssertFactories.STRING)
                .contains("no subnet");
        assertThat(HostIndependenceTest.staticAddressProblems(
                        ComposeFile.parse(gateway.formatted("172.28.0.10", range))))
                .isEmpty();
    }

    @Test
    void springPlaceholdersWithNestedDefaults() {
        assertThat(ServiceConfig.withDefaults("${SERVER_PORT:9081}")).isEqualTo("9081");
        assertThat(ServiceConfig.withDefaults("${A:${B:x}}-y")).isEqualTo("x-y");
        assertThat(ServiceConfig.withDefaults("${A}")).isEmpty();
    }

    @Test
    void placeholderDefaultsThatCannotWorkInAContainer() {
        assertThat(new Placeholder("KAFKA_BOOTSTRAP_SERVERS", Optional.of("localhost:9092"))
                        .unusableInContainerBecause())
                .isPresent();
        assertThat(new Placeholder("JWT_KEY_PATH", Optional.of("./.stack/auth/key.pem")).unusableInContainerBecause())
                .isPresent();
        assertThat(new Placeholder("JWKS_URI", Optional.empty()).unusableInContainerBecause())
                .isPresent();
        assertThat(new Placeholder("SAGA_DEADLINE", Optional.of("30s")).unusableInContainerBecause())
                .isEmpty();
    }

    @Test
    void endpointsOfUrlsAndBootstrapLists() {
        assertThat(Endpoint.parseAll("http://auth-service:9081/.well-known/jwks.json"))
                .containsExactly(new Endpoint("http", "auth-service", 9081, "/.well-known/jwks.json"));
        assertThat(Endpoint.parseAll("mongodb://user:pw@mongo/?replicaSet=rs0"))
                .containsExactly(new Endpoint("mongodb", "mongo", 27017, "/"));
        assertThat(Endpoint.parseAll("kafka:9092,localhost:9094"))
                .containsExactly(new Endpoint("", "kafka", 9092, ""), new Endpoint("", "localhost", 9094, ""));
        assertThat(Endpoint.parseAll("30s")).isEmpty();
    }

    @Test
    void imagesArePinnedOnlyByAnExactVersionOrADigest() {
        assertThat(Stack.isPinned("mongo:8.0.17")).isTrue();
        assertThat(Stack.isPinned("eclipse-temurin:21.0.8_9-jre-noble")).isTrue();
        assertThat(Stack.isPinned("apache/kafka@sha256:0123abcd")).isTrue();
        assertThat(Stack.isPinned("mongo:8")).isFalse();
        assertThat(Stack.isPinned("mongo:latest")).isFalse();
        assertThat(Stack.isPinned("mongo")).isFalse();
        assertThat(Stack.isPinned("localhost:5000/kafka")).isFalse();
        assertThat(Stack.repository("docker.io/library/mongo:8.0.17")).isEqualTo("mongo");
    }

    @Test
    void dockerfileStagesContinuationsAndArgs() {
        Dockerfile dockerfile = Dockerfile.parse("""
                # syntax=docker/dockerfile:1
                ARG BASE=eclipse-temurin:21.0.8_9-jre-noble
                FROM ${BASE} AS runtime
                RUN echo one \\
                    # a comment inside a continuation
                    && echo two
                ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "Main"]
                """);
        Dockerfile.Stage stage = dockerfile.stage("runtime").orElseThrow();
        assertThat(dockerfile.resolve(stage.base())).isEqualTo("eclipse-temurin:21.0.8_9-jre-noble");
        assertThat(stage.runs()).contains("echo one", "&& echo two").doesNotContain("comment");
        assertThat(Dockerfile.execForm(stage.last("ENTRYPOINT").orElseThrow().arguments()))
                .isEqualTo(List.of("java", "-XX:MaxRAMPercentage=75", "Main"));
    }
}
