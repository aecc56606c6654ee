package dev.ordersaga.systemtests;

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

/**
 * Many buyers, scarce stock, right after the stack starts (this class runs first): never oversold,
 * never leaked, and every buyer answered at once. {@code up} reports ready only after its warm-up
 * (see {@code WarmUp}), so a just-started stack answers at speed: no 504 is acceptable here.
 */
@Order(0)
@ExtendWith(E2eStack.class)
class ScarceStockIT {

    private static final int BUYERS = 40;
    private static final int STOCK = 10;

    @Test
    void forty_concurrent_buyers_for_ten_in_stock_right_after_start_get_exactly_ten_201s_and_thirty_409s()
            throws Exception {
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

        Map<Integer, Long> statuses =
                results.stream().collect(Collectors.groupingBy(Http.Answer::status, Collectors.counting()));
        assertThat(statuses)
                .as("the answers, at once: %s", results)
                .containsExactlyInAnyOrderEntriesOf(Map.of(201, (long) STOCK, 409, (long) (BUYERS - STOCK)));
        assertThat(results.stream().filter(a -> a.status() == 201)).allMatch(a -> "CONFIRMED".equals(a.text("status")));
        assertThat(results.stream().filter(a -> a.status() == 409))
                .allMatch(a -> "INSUFFICIENT_STOCK".equals(a.text("code")));

        orders.awaitInventoryInvariants();
        assertThat(orders.product(product).toString()).contains("\"available\":0");
        List<String> confirmed = results.stream()
                .map(a -> a.text("order_id"))
                .filter(id -> "CONFIRMED".equals(orders.get(id).text("status")))
                .toList();
        assertThat(confirmed).hasSize(STOCK).doesNotHaveDuplicates();
    }
}
