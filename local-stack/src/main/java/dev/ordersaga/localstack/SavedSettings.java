package dev.ordersaga.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What {@code up} started (ports, replicas, Zipkin, the services' JVM options and start-up cache), kept in
 * {@code <data dir>/stack.properties} so that {@code status}, {@code down}, {@code events} and the
 * supervisor find the running stack again.
 */
final class SavedSettings {

    private static final String FILE = "stack.properties";

    private SavedSettings() {}

    static void save(StackConfig config) {
        Properties props = new Properties();
        config.ports().byName().forEach((name, port) -> props.setProperty("port." + name, String.valueOf(port)));
        props.setProperty("replicas", String.valueOf(config.replicas()));
        props.setProperty("zipkin", String.valueOf(config.zipkin()));
        // what the supervisor needs to restart a service as up started it
        props.setProperty("service-java-opts", String.join(" ", config.serviceJavaOpts()));
        props.setProperty("startup-cache", String.valueOf(config.startupCache()));
        props.setProperty("store-heap", config.storeHeap());
        try {
            Files.createDirectories(config.dataDir());
            try (OutputStream out = Files.newOutputStream(config.dataDir().resolve(FILE))) {
                props.store(out, "written by ./stack up: the ports of the running stack");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code config} with the settings of the last {@code up} in its data directory, if there was one. */
    static StackConfig restore(StackConfig config) {
        Path file = config.dataDir().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return config;
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            return config;
        }
        StackConfig restored = config;
        for (Map.Entry<String, Integer> e : config.ports().byName().entrySet()) {
            String value = props.getProperty("port." + e.getKey());
            if (value != null) {
                restored = restored.withPorts(restored.ports().with(e.getKey(), Integer.parseInt(value.trim())));
            }
        }
        String replicas = props.getProperty("replicas");
        if (replicas != null) {
            restored = restored.withReplicas(Integer.parseInt(replicas.trim()));
        }
        String opts = props.getProperty("service-java-opts");
        if (opts != null && !opts.isBlank()) {
            restored = restored.withServiceJavaOpts(List.of(opts.trim().split("\\s+")));
        }
        String cache = props.getProperty("startup-cache");
        if (cache != null) {
            restored = restored.withStartupCache(Boolean.parseBoolean(cache.trim()));
        }
        String storeHeap = props.getProperty("store-heap");
        if (storeHeap != null && !storeHeap.isBlank()) {
            restored = restored.withStoreHeap(storeHeap.trim());
        }
        String zipkin = props.getProperty("zipkin");
        return zipkin == null ? restored : restored.withZipkin(Boolean.parseBoolean(zipkin.trim()));
    }
}
