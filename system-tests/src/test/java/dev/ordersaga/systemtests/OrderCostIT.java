package dev.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.bench.Costs;
import dev.ordersaga.bench.GroupProgress;
import dev.ordersaga.localstack.Component;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What one confirmed order costs in messages and store commands, counted, not timed: records
 * produced by the Kafka producers' own record-send totals and store commands by the MongoDB
 * driver's command timer (each service's {@code /actuator/prometheus}); deliveries by the broker,
 * the growth of every consumer group's committed offsets. Orders placed one after the other on a
 * quiet stack; the store commands of the background sweeps measured over an idle window and taken off.
 */
@Order(2)
@ExtendWith(E2eStack.class)
class OrderCostIT {

    private static final int ORDERS = 10;

    private final E2eStack.Running stack = E2eStack.get();
    private final Orders orders = new Orders(stack);

    @Test
    void a_confirmed_order_costs_a_known_number_of_records_deliveries_and_store_commands() throws Exception {
        String product = orders.newProduct(ORDERS, "3.00");
        // the background: sweeps read the store every second or so; nothing is produced or consumed
        Costs.Counters idleStart = counters();
        long idleFrom = System.nanoTime();
        Awaitility.await("an idle stack producing no record for 5 s")
                .during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> counters().records() == idleStart.records());
        Costs.Counters idle = counters().minus(idleStart);
        double idleStorePerSecond = idle.storeCommands() / seconds(idleFrom);
        assertThat(idle.records()).as("records produced by an idle stack").isZero();

        Costs.Counters start = counters();
        long from = System.nanoTime();
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            Http.Answer answer =
                    orders.order(stack.customerToken(), Orders.KLEA_CUSTOMER, product, 1, "cost-" + UUID.randomUUID());
            assertThat(answer.status()).as("order %d: %s", i, answer).isEqualTo(201);
            placed.add(answer.text("order_id"));
        }
        // the saga goes on after the answer (the stock is committed after OrderConfirmed): wait for its last step
        for (String orderId : placed) {
            Awaitility.await("the stock of " + orderId + " committed")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> "StockCommitted"
                            .equals(orders.get(orderId).json().path("last_step").asString()));
        }
        // the last steps' offsets are committed within the commit interval: wait until every group has them all
        String kafka = stack.stack().config().kafkaBootstrap();
        Awaitility.await("every consumer group's offsets committed up to the end of its partitions")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> GroupProgress.lagOfActiveGroups(kafka) == 0);
        Costs.Counters[] end = {counters()};
        Costs.Counters run = end[0].minus(start);
        double elapsed = seconds(from);

        double records = run.records() / ORDERS;
        double deliveries = run.deliveries() / ORDERS;
        double storeCommands = (run.storeCommands() - idleStorePerSecond * elapsed) / ORDERS;
        System.out.printf(
                "one confirmed order: %.2f records produced, %.2f deliveries, %.2f store commands"
                        + " (idle: %.2f store commands/s over %.1f s)%n",
                records, deliveries, storeCommands, idleStorePerSecond, elapsed);
        // exact at one event per poll; fewer when two events of one order reach order-service in one poll (one
        // reply for both: the CI saw 8.90 and 14.90 once), more when its sweep publishes a late-acknowledged
        // decision again (rare)
        assertThat(records).as("records produced per confirmed order").isBetween(RECORDS - 1, RECORDS + 0.3);
        assertThat(deliveries).as("deliveries per confirmed order").isBetween(DELIVERIES - 1, DELIVERIES + 0.6);
        assertThat(storeCommands)
                .as("store commands per confirmed order")
                .isBetween(STORE_COMMANDS - 3, STORE_COMMANDS + 3);
    }

    /** Every service's counters, summed; deliveries: every consumer group's committed offsets, summed. */
    private Costs.Counters counters() {
        double store = 0;
        double records = 0;
        double deliveries = 0;
        for (Component service : Component.services()) {
            Http.Answer page = Http.send(
                    "GET",
                    "http://127.0.0.1:" + stack.stack().config().port(service) + "/actuator/prometheus",
                    List.of(),
                    null);
            assertThat(page.status())
                    .as("%s /actuator/prometheus", service.id())
                    .isEqualTo(200);
            Costs.Counters counted = Costs.Counters.of(page.body());
            store += counted.storeCommands();
            records += counted.records();
        }
        for (long offsets :
                GroupProgress.committed(stack.stack().config().kafkaBootstrap()).values()) {
            deliveries += offsets;
        }
        return new Costs.Counters(store, records, deliveries);
    }

    private static double seconds(long fromNanos) {
        return (System.nanoTime() - fromNanos) / 1e9;
    }

    /**
     * One confirmed order, one gateway: 6 saga events (OrderRequested, CustomerValidated, StockReserved,
     * PaymentCompleted, OrderConfirmed, StockCommitted) and 2 replies (stock reserved, confirmed), one per hop the
     * gateway does not see itself until the decision: it reads the customer's validation on customer-events (9 when
     * order-service replied to that too).
     */
    private static final double RECORDS = 8;

    /**
     * Each saga event to every group of a participant that subscribes to its topic (12), the CustomerValidated to
     * the one gateway waiting (read by its headers) and the 2 replies to it. A type a participant does not handle is
     * still delivered, and passed over by its header.
     */
    private static final double DELIVERIES = 15;

    /**
     * customer, inventory, payment and order-service's reads and writes for one order, a batch of one: 21 before
     * order-service's sweep watch moved into the order document (22.4 measured), then 19 (the upsert of its
     * {@code open_sagas} entry with the first write and its removal once settled gone), 3 fewer then: an event that
     * starts its key's state ({@code SagaParticipant.startsState}) is not read first, its insert is the guard; 1
     * fewer now: inventory sells a reserved order without reading its products.
     *
     * <ul>
     *   <li>customer-service, 2: the customer the request names, the insert of the answer;
     *   <li>inventory-service, 6: for CustomerValidated the reservation and the products read, the stock moves and
     *       the reservation written (the reservation is read first: the products' holders alone cannot tell a new
     *       order from one that sold or gave back its units); for OrderConfirmed the stock moves and the reservation
     *       written: the reservation is kept in memory since it was written, and a reserved order sells every line
     *       unread, the sale's guard judges it ({@code OrderStock.sellsUnread});
     *   <li>payment-service, 1: the insert of the payment;
     *   <li>order-service, 5: the insert of the new order, and a replace for CustomerValidated, StockReserved,
     *       PaymentCompleted (the decision) and StockCommitted (settled: its {@code recheckAt} removed in the same
     *       replace); the later events find the order in memory.
     * </ul>
     */
    private static final double STORE_COMMANDS = 14;
}
