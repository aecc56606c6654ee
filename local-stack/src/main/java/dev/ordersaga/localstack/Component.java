package dev.ordersaga.localstack;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Every process of the local stack, in start order, with its fixed default port. */
public enum Component {
    MONGO("mongo", "mongo", 27017, false),
    KAFKA("kafka", "kafka", 9092, false),
    /** The trace viewer: optional ({@code --no-zipkin}), started beside the services, needed by none. */
    ZIPKIN("zipkin", "zipkin", 9411, false),
    AUTH("auth-service", "auth", 9081, true),
    CUSTOMER("customer-service", "customer", 9082, true),
    INVENTORY("inventory-service", "inventory", 9083, true),
    PAYMENT("payment-service", "payment", 9084, true),
    ORDER("order-service", "order", 9085, true),
    GATEWAY("gateway", "gateway", 9080, true);

    private final String id;
    private final String shortName;
    private final int defaultPort;
    private final boolean service;

    Component(String id, String shortName, int defaultPort, boolean service) {
        this.id = id;
        this.shortName = shortName;
        this.defaultPort = defaultPort;
        this.service = service;
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

    /** One of the six Spring Boot services (as opposed to the broker and the store). */
    public boolean isService() {
        return service;
    }

    /** The prefix of this component's port override: {@code STACK_GATEWAY_PORT}, {@code --gateway-port}. */
    public String portKey() {
        return shortName.toUpperCase(Locale.ROOT);
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
