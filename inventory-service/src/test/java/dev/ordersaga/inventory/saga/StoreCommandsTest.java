package dev.ordersaga.inventory.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderLine;
import dev.ordersaga.events.PricedLine;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.StockReserved;
import dev.ordersaga.inventory.domain.Price;
import dev.ordersaga.inventory.domain.Product;
import dev.ordersaga.inventory.store.OrderStocks;
import dev.ordersaga.inventory.store.ProductStock;
import dev.ordersaga.inventory.store.Reservations;
import dev.ordersaga.testsupport.participant.ParticipantHarness;
import dev.ordersaga.testsupport.participant.SagaEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * How many store commands inventory's steps send, counted on the wire to an in-memory store: a
 * batch of orders costs one read per collection to load and one bulk write per collection to store,
 * whatever its size.
 */
class StoreCommandsTest {

    private static final int ORDERS = 10;
    private static final Money PRICE = Money.of("4.00", "EUR");
    private static final Set<String> NOT_COUNTED =
            Set.of("hello", "isMaster", "ismaster", "ping", "buildInfo", "endSessions");

    private static final Map<String, AtomicInteger> commands = new ConcurrentHashMap<>();
    private static MongoServer server;
    private static MongoClient client;
    private static MongoTemplate mongo;

    @BeforeAll
    static void start() {
        server = new MongoServer(new MemoryBackend());
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
        mongo = new MongoTemplate(client, "inventory_commands");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void a_batch_of_orders_costs_one_read_and_one_write_per_collection() {
        var saga = ParticipantHarness.of(steps());
        String first = product(100);
        String second = product(100);
        List<String> orders = IntStream.range(0, ORDERS)
                .mapToObj(i -> SagaEvents.newOrderId())
                .toList();

        Map<String, Integer> reserve = counted(() -> saga.deliverTogether(orders.stream()
                .map(order -> SagaEvents.customerValidated(
                        order, SagaEvents.newCustomerId(), List.of(new OrderLine(first, 1), new OrderLine(second, 2))))
                .toList()));
        assertThat(saga.published()).hasSize(ORDERS).allMatch(StockReserved.class::isInstance);
        Map<String, Integer> confirm = counted(() -> saga.deliverTogether(orders.subList(0, ORDERS / 2).stream()
                .map(order -> SagaEvents.orderConfirmed(
                        order, "c", List.of(new PricedLine(first, 1, PRICE), new PricedLine(second, 2, PRICE))))
                .toList()));
        Map<String, Integer> release = counted(() -> saga.deliverTogether(orders.subList(ORDERS / 2, ORDERS).stream()
                .map(order -> SagaEvents.orderCancelled(order, ReasonCode.SAGA_TIMEOUT))
                .toList()));

        System.out.printf(
                "store commands for %d orders of 2 lines in one batch: reserve %s, confirm %d: %s, release %d: %s%n",
                ORDERS, reserve, ORDERS / 2, confirm, ORDERS / 2, release);
        assertThat(saga.published()).hasSize(2 * ORDERS);
        assertThat(reserve)
                .containsOnlyKeys("find reservations", "find products", "insert reservations", "update products");
        assertThat(reserve.values()).allMatch(n -> n == 1);
        assertThat(confirm)
                .containsOnlyKeys("find reservations", "find products", "update reservations", "update products");
        assertThat(confirm.values()).allMatch(n -> n == 1);
        assertThat(release)
                .containsOnlyKeys("find reservations", "find products", "update reservations", "update products");
        assertThat(release.values()).allMatch(n -> n == 1);
    }

    private static Map<String, Integer> counted(Runnable work) {
        commands.clear();
        work.run();
        Map<String, Integer> counts = new TreeMap<>();
        commands.forEach((command, n) -> counts.put(command, n.get()));
        return counts;
    }

    private static InventorySteps steps() {
        return new InventorySteps(
                new OrderStocks(new Reservations(mongo), new ProductStock(mongo)), new SimpleMeterRegistry());
    }

    private static String product(long stock) {
        String id = new ObjectId().toHexString();
        mongo.insert(Product.create(id, "SKU-" + id, "Counted", null, Price.of(PRICE), true, stock, Instant.now()));
        return id;
    }
}
