package dev.ordersaga.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import picocli.CommandLine.Option;

/** How {@code up} launches the stack: every option that changes the {@link StackConfig} it starts. */
final class LaunchOptions {

    @Option(names = "--no-seed", description = "Do not seed the demo data")
    boolean noSeed;

    @Option(names = "--no-startup-cache", description = "Run the service jars as they are, without the AOT/CDS cache")
    boolean noStartupCache;

    @Option(
            names = "--no-warm-up",
            description = "Report ready without the warm-up orders (the first orders are then several times slower)")
    boolean noWarmUp;

    @Option(
            names = "--start-timeout",
            paramLabel = "SECONDS",
            defaultValue = "${env:STACK_START_TIMEOUT}",
            description = "How long a process may take to be ready (default: STACK_START_TIMEOUT, else "
                    + LaunchOptions.START_TIMEOUT_PER_REPLICA + " s per replica: the first start of a build trains"
                    + " every JVM's start-up cache at once, 180 s for one replica on two cores and more for two)")
    Integer startTimeout;

    /** Seconds a process may take to be ready, per replica, where neither the option nor the variable says. */
    static final int START_TIMEOUT_PER_REPLICA = 180;

    @Option(
            names = "--quick-start",
            description = "C1 JIT only in the services: starts ~40%% faster and answers the first requests"
                    + " sooner, but peak throughput is lower; not for benchmarks")
    boolean quickStart;

    @Option(
            names = "--replicas",
            paramLabel = "N",
            defaultValue = "${env:STACK_REPLICAS}",
            description = "Instances of each of the six services (default 1, or as many as the running stack"
                    + " has: a plain `up` after `stop order#1` brings that one back). Instance i listens"
                    + " on its service's port + 100 x i: gateways on 9080, 9180, 9280, ...; order-service on"
                    + " 9085, 9185, ...; addressed as <service>#i (./stack stop order#1)")
    Integer replicas;

    @Option(
            names = "--no-zipkin",
            description = "Do not run the Zipkin trace viewer (also STACK_ZIPKIN=off); the services then"
                    + " export no spans")
    boolean noZipkin;

    @Option(
            names = "--port",
            paramLabel = "NAME=N",
            description = "Move one port, repeatable: gateway, auth, customer, inventory, payment, order, console,"
                    + " kafka, kafka-controller, mongo or zipkin (--port gateway=19080 --port kafka=19092). Each"
                    + " also has its variable STACK_<NAME>_PORT (STACK_GATEWAY_PORT, STACK_KAFKA_CONTROLLER_PORT);"
                    + " the option wins. Defaults: gateway 9080, auth 9081 ... order 9085, console 9086,"
                    + " kafka 9092, kafka-controller 9093, mongo 27017, zipkin 9411")
    Map<String, Integer> ports = new LinkedHashMap<>();

    @Option(
            names = "--service-java-opts",
            defaultValue = "${env:STACK_SERVICE_JAVA_OPTS}",
            description = "JVM options of every service (default: ${DEFAULT-VALUE} or "
                    + "-Xms32m -Xmx256m -XX:+UseSerialGC -Xss512k -XX:+ExitOnOutOfMemoryError)")
    String serviceJavaOpts;

    @Option(
            names = "--store-heap",
            paramLabel = "SIZE",
            defaultValue = "${env:STACK_STORE_HEAP}",
            description = "The store's maximum heap, like 1536m or 6g (default: STACK_STORE_HEAP, else a quarter"
                    + " of the machine's memory, at least 1536m and at most 8g). The store keeps every order of"
                    + " its history in memory, about 6 KiB each")
    String storeHeap;

    /**
     * {@code base} as these options change it.
     *
     * @param environment where the {@code STACK_<NAME>_PORT} and {@code STACK_ZIPKIN} variables are read
     * @param runningReplicas the replicas when {@code --replicas} is not given
     */
    StackConfig apply(StackConfig base, Map<String, String> environment, IntSupplier runningReplicas) {
        List<String> javaOpts = new ArrayList<>(
                serviceJavaOpts == null || serviceJavaOpts.isBlank()
                        ? base.serviceJavaOpts()
                        : Arrays.asList(serviceJavaOpts.trim().split("\\s+")));
        if (quickStart) {
            javaOpts.add("-XX:TieredStopAtLevel=1");
        }
        int replicaCount = replicas != null ? replicas : runningReplicas.getAsInt();
        try {
            return base.withPorts(Ports.fromEnvironment(environment).with(ports))
                    .withSeed(!noSeed)
                    .withStartupCache(!noStartupCache)
                    .withWarmUp(!noWarmUp)
                    .withStartTimeout(Duration.ofSeconds(
                            startTimeout != null ? startTimeout : (long) START_TIMEOUT_PER_REPLICA * replicaCount))
                    .withZipkin(!noZipkin && !isOff(environment.get("STACK_ZIPKIN")))
                    .withServiceJavaOpts(javaOpts)
                    .withStoreHeap(storeHeap == null || storeHeap.isBlank() ? base.storeHeap() : storeHeap.trim())
                    .withReplicas(replicaCount);
        } catch (IllegalArgumentException e) {
            throw new StackException(e.getMessage());
        }
    }

    static boolean isOff(String value) {
        return value != null
                && List.of("off", "false", "no", "0").contains(value.trim().toLowerCase());
    }
}
