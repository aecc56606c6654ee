package dev.ordersaga.localstack;

import java.util.Locale;

/**
 * One process of the stack: a component and, for a service run several times ({@code ./stack up
 * --replicas N}), which of its instances. Instance 0 keeps the component's own name, port, log and
 * pid file, so a one-replica stack looks exactly as before; instance {@code i} is named {@code
 * <service>#i}, listens on the component's port + 100 × i (gateways 9080, 9180, ...; order-service
 * 9085, 9185, ...: every instance of a service keeps the last digits of its port, and none lands on
 * another service's) and writes {@code <service>-i.log} and {@code <service>-i.pid}.
 *
 * @param component what runs
 * @param index 0 for the first (or only) instance
 */
public record Instance(Component component, int index) {

    /** How far apart the ports of two instances of one service are. */
    public static final int PORT_STRIDE = 100;

    public Instance {
        if (index < 0 || (index > 0 && !component.isReplicated())) {
            throw new IllegalArgumentException(component.id() + " runs once; no instance " + index);
        }
    }

    public static Instance first(Component component) {
        return new Instance(component, 0);
    }

    /** {@code order-service}, {@code order-service#1}: the name in tables and messages. */
    public String id() {
        return index == 0 ? component.id() : component.id() + "#" + index;
    }

    /** {@code order}, {@code order#1}: the short name, also a log prefix. */
    public String shortName() {
        return index == 0 ? component.shortName() : component.shortName() + "#" + index;
    }

    /** {@code order-service}, {@code order-service-1}: the name of its log and pid files. */
    public String fileName() {
        return index == 0 ? component.id() : component.id() + "-" + index;
    }

    /** This instance's port, given the component's (first instance's) port. */
    public int port(int componentPort) {
        return componentPort + PORT_STRIDE * index;
    }

    /**
     * Reads {@code order}, {@code order-service}, {@code order#1} or {@code order-service#1}; a name
     * without {@code #} is instance 0.
     */
    public static Instance parse(String name) {
        String trimmed = name.trim().toLowerCase(Locale.ROOT);
        int hash = trimmed.indexOf('#');
        if (hash < 0) {
            return first(Component.byName(trimmed));
        }
        Component component = Component.byName(trimmed.substring(0, hash));
        int index;
        try {
            index = Integer.parseInt(trimmed.substring(hash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "'" + name + "': the instance after # must be a number, e.g. " + component.shortName() + "#1");
        }
        return new Instance(component, index);
    }

    @Override
    public String toString() {
        return id();
    }
}
