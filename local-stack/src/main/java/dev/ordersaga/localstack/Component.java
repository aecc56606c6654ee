package dev.ordersaga.localstack;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Every process of the local stack, in start order, with its fixed default port. */
public enum Component {
    MONGO("mongo", "mongo", 27017, false, false),
    KAFKA("kafka", "kafka", 9092, false, false),
    /** The trace viewer: optional ({@code --no-zipkin}), started beside the services, needed by none. */
    ZIPKIN("zipkin", "zipkin", 9411, false, false),
    AUTH("auth-service", "auth", 9081, true, true),
    CUSTOMER("customer-service", "customer", 9082, true, true),
    INVENTORY("inventory-service", "inventory", 9083, true, true),
    PAYMENT("payment-service", "payment", 9084, true, true),
    ORDER("order-service", "order", 9085, true, true),
    GATEWAY("gateway", "gateway", 9080, true, true),
    /** The operators' web console: a Spring Boot service like the others, one instance whatever the replicas. */
    CONSOLE("operator-console", "console", 9086, true, false);

    private final String id;
    private final String shortName;
    private final int defaultPort;
    private final boolean service;
    private final boolean replicated;

    Component(String id, String shortName, int defaultPort, boolean service, boolean replicated) {
        this.id = id;
        this.shortName = shortName;
        this.defaultPort = defaultPort;
        this.service = service;
        this.replicated = replicated;
    }

    /** The name used in logs, pid files and tables; for a service also its Maven module. */
    public String id() {
        return id;
    }

    public String shortName() {
        return shortName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /**
     * A Spring Boot service of this repository, run from its jar (as opposed to the broker, the store
     * and Zipkin): the six services of the shop and the operator console.
     */
    public boolean isService() {
        return service;
    }

    /** Runs {@code --replicas} times (the six services of the shop); the others run once. */
    public boolean isReplicated() {
        return replicated;
    }

    public static List<Component> services() {
        return Arrays.stream(values()).filter(Component::isService).toList();
    }

    /** Accepts the full name ({@code order-service}) or the short one ({@code order}). */
    public static Component byName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(c -> c.id.equals(wanted) || c.shortName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown component '" + name + "'; one of "
                        + Arrays.stream(values()).map(Component::shortName).toList()));
    }
}
