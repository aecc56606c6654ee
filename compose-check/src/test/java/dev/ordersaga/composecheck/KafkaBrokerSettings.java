package dev.ordersaga.composecheck;

import dev.ordersaga.composecheck.ComposeFile.Container;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The broker's server.properties as the apache/kafka image writes them from the kafka container's
 * {@code KAFKA_*} variables: prefix dropped, lower case, {@code _} a dot, {@code __} an underscore,
 * {@code ___} a dash ({@code KAFKA_LISTENER_NAME_INTERNAL_SCRAM___SHA___512_SASL_JAAS_CONFIG} is
 * {@code listener.name.internal.scram-sha-512.sasl.jaas.config}).
 */
record KafkaBrokerSettings(Map<String, String> properties) {

    static KafkaBrokerSettings of(Container kafka) {
        Map<String, String> properties = new LinkedHashMap<>();
        kafka.environment().forEach((name, value) -> {
            if (name.startsWith("KAFKA_") && value != null) {
                properties.put(propertyName(name), value);
            }
        });
        return new KafkaBrokerSettings(properties);
    }

    static String propertyName(String variable) {
        return variable.substring("KAFKA_".length())
                .toLowerCase(Locale.ROOT)
                .replace("___", "-")
                .replace("__", "\0")
                .replace("_", ".")
                .replace("\0", "_");
    }

    String get(String name) {
        return properties.getOrDefault(name, "");
    }

    /** The listeners as {@code [name, host, port]}. */
    List<String[]> listeners() {
        return Stack.listeners(get("listeners"));
    }

    /** The security protocol of a listener: the protocol map's, or the name itself (PLAINTEXT://...). */
    String protocol(String listener) {
        for (String entry : get("listener.security.protocol.map").split("\\s*,\\s*")) {
            String[] nameProtocol = entry.split(":", 2);
            if (nameProtocol.length == 2 && nameProtocol[0].equals(listener)) {
                return nameProtocol[1];
            }
        }
        return listener;
    }

    static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
    }
}
