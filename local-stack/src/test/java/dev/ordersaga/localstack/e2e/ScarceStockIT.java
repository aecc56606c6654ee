package dev.ordersaga.localstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many buyers, scarce stock: never oversold, never leaked. */
@Order(2)
@ExtendWith(E2eStack.class)
class ScarceStockIT {

    private static final int BUYERS = 50;
    private static final int STOCK = 10;

    @Test
    void fifty_concurrent_buyers_for_ten_in_stock_get_exactly_ten_confirmed_orders_and_forty_409s() throws Exception {
        E2eStack.Running running = E2eStack.get();
        Orders orders = new Orders(running);
        String product = orders.newProduct(STOCK, "5.00");

        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Answer>> answers = new ArrayList<>();
        try (ExecutorService buyers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < BUYERS; i++) {
                answers.add(buyers.submit(() -> {
                    start.await();
                    return orders.order(
                            running.customerToken(), Orders.KLEA_CUSTOMER, product, 1, "scarce-" + UUID.randomUUID());
                }));
            }
            start.countDown();
        }
        List<Http.Answer> results = new ArrayList<>();
        for (Future<Http.Answer> answer : answers) {
            results.add(answer.get());
        }

        // A 504 is an answer too (SPEC: the hop clock ran out, e.g. while the JITs of a just-started stack are busy),
        // provided its order then ends terminal: each buyer's outcome is the order's final state.
        assertThat(results)
                .as("every answer is 201, 409 or 504: %s", results)
                .allMatch(a -> a.status() == 201 || a.status() == 409 || a.status() == 504);
        assertThat(results.stream().filter(a -> a.status() == 201)).allMatch(a -> "CONFIRMED".equals(a.text("status")));
        assertThat(results.stream().filter(a -> a.status() == 409))
                .allMatch(a -> "INSUFFICIENT_STOCK".equals(a.text("code")));
        Map<String, Long> outcomes = results.stream()
                .collect(Collectors.groupingBy(
                        a -> a.status() == 504 ? orders.awaitTerminal(a.text("order_id")) : finalOutcome(a),
                        Collectors.counting()));
        assertThat(outcomes)
                .as("final outcome of each buyer: %s", results)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("CONFIRMED", (long) STOCK, "REJECTED INSUFFICIENT_STOCK", (long) (BUYERS - STOCK)));

        orders.awaitInventoryInvariants();
        assertThat(orders.product(product).toString()).contains("\"available\":0");
        List<String> confirmed = results.stream()
                .map(a -> a.text("order_id"))
                .filter(id -> "CONFIRMED".equals(orders.get(id).text("status")))
                .toList();
        assertThat(confirmed).hasSize(STOCK).doesNotHaveDuplicates();
    }

    /** What a synchronous answer says the order ended as, in the words of {@link Orders#awaitTerminal}. */
    private static String finalOutcome(Http.Answer answer) {
        return answer.status() == 201 ? "CONFIRMED" : "REJECTED " + answer.text("code");
    }
}
