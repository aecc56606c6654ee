package dev.ordersaga.localstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.localstack.Component;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A service crashes (SIGKILL) in the middle of a load and comes back: no order is left hanging. */
@Order(4)
@ExtendWith(E2eStack.class)
class CrashRecoveryIT {

    private static final int WORKERS = 4;
    private static final int ORDERS_PER_WORKER = 10;
    private static final Set<String> TERMINAL = Set.of("CONFIRMED", "REJECTED", "CANCELLED");
    private static final List<String> OPEN =
            List.of("PENDING", "CUSTOMER_VALIDATED", "STOCK_RESERVED", "PAYMENT_COMPLETED", "COMPENSATING");

    @Test
    void inventory_killed_mid_load_and_restarted_leaves_every_order_terminal_and_the_stock_consistent()
            throws Exception {
        E2eStack.Running running = E2eStack.get();
        Orders orders = new Orders(running);
        String product = orders.newProduct(500, "3.00");
        List<String> keys = Collections.synchronizedList(new ArrayList<>());
        List<Http.Answer> answers = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger placed = new AtomicInteger();

        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < ORDERS_PER_WORKER; i++) {
                        String key = "crash-" + UUID.randomUUID();
                        keys.add(key);
                        try {
                            answers.add(orders.order(running.customerToken(), Orders.KLEA_CUSTOMER, product, 1, key));
                        } catch (RuntimeException e) {
                            // the gateway itself stays up; a failed call is retried below by its key
                        }
                        placed.incrementAndGet();
                    }
                    return null;
                }));
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> placed.get() >= WORKERS * 2);
            running.stack().kill(Component.INVENTORY);
            running.stack().up(); // brings inventory-service back (and nothing else: the rest still runs)
            for (Future<?> worker : workers) {
                worker.get();
            }
        }

        // the same request with the same key answers the order's final outcome
        Awaitility.await("every order is decided")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    for (String status : OPEN) {
                        Http.Answer page = Http.get(
                                running.gateway() + "/api/orders?size=100&status=" + status, running.adminToken());
                        assertThat(page.status()).as(page.toString()).isEqualTo(200);
                        assertThat(page.json().path("items").size())
                                .as("orders still %s: %s", status, page)
                                .isZero();
                    }
                });
        List<String> orderIds = new ArrayList<>();
        for (String key : keys) {
            Http.Answer again = orders.order(running.customerToken(), Orders.KLEA_CUSTOMER, product, 1, key);
            assertThat(again.text("order_id")).as("retry of %s: %s", key, again).isNotBlank();
            orderIds.add(again.text("order_id"));
        }
        assertThat(orderIds).doesNotHaveDuplicates().hasSize(WORKERS * ORDERS_PER_WORKER);
        for (String id : orderIds) {
            assertThat(orders.get(id).text("status")).as(id).isIn(TERMINAL);
        }
        orders.awaitInventoryInvariants();
        assertThat(answers).isNotEmpty();
    }
}
