package dev.ordersaga.inventory.saga;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.ordersaga.events.Money;
import dev.ordersaga.inventory.domain.Price;
import dev.ordersaga.inventory.domain.Product;
import dev.ordersaga.inventory.store.OrderStocks;
import dev.ordersaga.inventory.store.ProductStock;
import dev.ordersaga.inventory.store.Reservations;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * inventory's saga steps over an in-memory store (mongo-java-server) without Spring, the broker
 * replaced by the participant kit's harness; every command sent to the store is counted by name and
 * collection ({@code "update products"}).
 */
final class InMemoryStore implements AutoCloseable {

    static final Money PRICE = Money.of("4.00", "EUR");
    private static final Set<String> NOT_COUNTED =
            Set.of("hello", "isMaster", "ismaster", "ping", "buildInfo", "endSessions");

    private final Map<String, AtomicInteger> commands = new ConcurrentHashMap<>();
    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client;
    private final MongoTemplate mongo;

    InMemoryStore() {
        var address = server.bind();
        CommandListener counter = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                String name = event.getCommandName();
                if (!NOT_COUNTED.contains(name)) {
                    String collection = event.getCommand().getString(name).getValue();
                    commands.computeIfAbsent(name + " " + collection, k -> new AtomicInteger())
                            .incrementAndGet();
                }
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
                .addCommandListener(counter)
                .build());
        mongo = new MongoTemplate(client, "inventory");
    }

    /** The service's steps, wired to this store. */
    InventorySteps steps() {
        return new InventorySteps(
                new OrderStocks(new Reservations(mongo), new ProductStock(mongo)), new SimpleMeterRegistry());
    }

    /** A new active product at {@link #PRICE} with this much available; its id. */
    String product(long stock) {
        String id = new ObjectId().toHexString();
        mongo.insert(Product.create(id, "SKU-" + id, "Counted", null, Price.of(PRICE), true, stock, Instant.now()));
        return id;
    }

    /** {available, reserved, sold} of a product. */
    long[] stock(String productId) {
        var stock = mongo.findById(productId, Product.class).stock();
        return new long[] {stock.available(), stock.reserved(), stock.sold()};
    }

    /** The commands the work sent, by name and collection. */
    Map<String, Integer> counted(Runnable work) {
        commands.clear();
        work.run();
        Map<String, Integer> counts = new TreeMap<>();
        commands.forEach((command, n) -> counts.put(command, n.get()));
        return counts;
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
