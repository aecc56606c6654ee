package dev.ordersaga.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts a MongoDB-wire-compatible in-memory server (mongo-java-server) on a free loopback port
 * for one Spring test context, points {@code spring.mongodb.uri} at it, and stops it with the
 * context. No transactions, no change streams: the same limits the services are designed for.
 */
public class MongoTestServer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        String database = context.getEnvironment().getProperty("saga.test.mongo-database", "ecommerce_test");
        String uri = "mongodb://127.0.0.1:" + address.getPort() + "/" + database;
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("mongoTestServer", java.util.Map.of("spring.mongodb.uri", uri)));
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                server.shutdownNow();
            }
        });
    }
}
