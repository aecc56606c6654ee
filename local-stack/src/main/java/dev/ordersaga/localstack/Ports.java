package dev.ordersaga.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The listening port of every component, and the broker's KRaft controller port. Each is named as in
 * {@code --port NAME=N} (a component's short or full name, or {@value #CONTROLLER}) and has its
 * environment override {@code STACK_<NAME>_PORT} ({@code STACK_GATEWAY_PORT}, {@code STACK_KAFKA_CONTROLLER_PORT}).
 *
 * @param byComponent the port of every component
 * @param kafkaController the broker's controller listener
 */
public record Ports(Map<Component, Integer> byComponent, int kafkaController) {

    /** The name of the broker's controller port in {@code --port} and the saved settings. */
    public static final String CONTROLLER = "kafka-controller";

    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 9093;

    public Ports {
        byComponent = Collections.unmodifiableMap(new EnumMap<>(byComponent));
        for (Component c : Component.values()) {
            if (!byComponent.containsKey(c)) {
                throw new IllegalArgumentException("no port for " + c.id());
            }
        }
    }

    /** The fixed default ports. */
    public static Ports defaults() {
        Map<Component, Integer> ports = new EnumMap<>(Component.class);
        for (Component c : Component.values()) {
            ports.put(c, c.defaultPort());
        }
        return new Ports(ports, DEFAULT_KAFKA_CONTROLLER_PORT);
    }

    /** The defaults, each moved by its {@code STACK_<NAME>_PORT} variable where that is set. */
    public static Ports fromEnvironment(Map<String, String> env) {
        Ports ports = defaults();
        for (String name : names()) {
            String value = env.get(environmentVariable(name));
            if (value != null && !value.isBlank()) {
                ports = ports.with(name, parse(environmentVariable(name), value));
            }
        }
        return ports;
    }

    /**
     * Free ports are drawn from here: below the ephemeral range of Linux (32768-60999), macOS and
     * Windows (49152-65535), from which the system gives outgoing connections their local port. A
     * component killed and started again on its port (the fault tests) found it taken by a client's
     * connection when the port came from that range ("in use by another program"). The highest leaves
     * room for the replicas' ports (a service's port + 100 × instance) below that range too.
     */
    static final int FREE_LOWEST = 20_000;

    static final int FREE_HIGHEST = 32_000;

    /** Every port on a free port below the ephemeral range: a stack that can run beside another one (the tests). */
    public static Ports free() {
        List<ServerSocket> held = new ArrayList<>();
        try {
            // hold every socket until all are chosen, so no two components get the same port
            Map<Component, Integer> ports = new EnumMap<>(Component.class);
            for (Component c : Component.values()) {
                ServerSocket socket = bindFree();
                held.add(socket);
                ports.put(c, socket.getLocalPort());
            }
            ServerSocket controller = bindFree();
            held.add(controller);
            return new Ports(ports, controller.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a probe socket cannot fail in a way that matters
                }
            }
        }
    }

    /** A socket bound to a free port between {@link #FREE_LOWEST} and {@link #FREE_HIGHEST}, drawn at random. */
    private static ServerSocket bindFree() throws IOException {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FREE_LOWEST, FREE_HIGHEST + 1);
            try {
                return new ServerSocket(port);
            } catch (IOException taken) {
                // in use: draw another
            }
        }
        throw new IOException("no free port between " + FREE_LOWEST + " and " + FREE_HIGHEST + " in 1,000 draws");
    }

    public int of(Component component) {
        return byComponent.get(component);
    }

    /** These ports with one moved: {@code name} is a component ({@code gateway}, {@code order-service}) or {@value #CONTROLLER}. */
    public Ports with(String name, int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + name + "=" + port + " is not between 1 and 65535");
        }
        if (CONTROLLER.equals(name.trim().toLowerCase(Locale.ROOT))) {
            return new Ports(byComponent, port);
        }
        Map<Component, Integer> changed = new EnumMap<>(byComponent);
        changed.put(Component.byName(name), port);
        return new Ports(changed, kafkaController);
    }

    /** These ports with every entry of {@code overrides} ({@code --port NAME=N}, repeated) applied. */
    public Ports with(Map<String, Integer> overrides) {
        Ports ports = this;
        for (Map.Entry<String, Integer> e : overrides.entrySet()) {
            ports = ports.with(e.getKey(), e.getValue());
        }
        return ports;
    }

    /** Every port by its name: the components' full names ({@code auth-service}), then {@value #CONTROLLER}. */
    public Map<String, Integer> byName() {
        Map<String, Integer> named = new LinkedHashMap<>();
        byComponent.forEach((c, port) -> named.put(c.id(), port));
        named.put(CONTROLLER, kafkaController);
        return named;
    }

    /** How to move a port that is taken: {@code --port gateway=N or STACK_GATEWAY_PORT}. */
    public static String overrideHint(String name) {
        return "--port " + name + "=N or " + environmentVariable(name);
    }

    static String environmentVariable(String name) {
        return "STACK_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Component c : Component.values()) {
            names.add(c.shortName());
        }
        names.add(CONTROLLER);
        return names;
    }

    private static int parse(String what, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + "=" + value + " is not a port number");
        }
    }
}
