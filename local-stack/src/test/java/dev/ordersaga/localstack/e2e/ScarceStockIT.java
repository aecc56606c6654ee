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
import java.util.function.Function;
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

        Map<Integer, Long> byStatus =
                results.stream().collect(Collectors.groupingBy(Http.Answer::status, Collectors.counting()));
        assertThat(byStatus).as("answers by status: %s", results).containsOnlyKeys(201, 409);
        assertThat(byStatus.get(201)).isEqualTo(STOCK);
        assertThat(byStatus.get(409)).isEqualTo(BUYERS - STOCK);
        assertThat(results.stream().filter(a -> a.status() == 201)).allMatch(a -> "CONFIRMED".equals(a.text("status")));
        assertThat(results.stream().filter(a -> a.status() == 409))
                .allMatch(a -> "INSUFFICIENT_STOCK".equals(a.text("code")));
        assertThat(results.stream().filter(a -> a.status() == 201).map(a -> a.text("order_id")))
                .doesNotHaveDuplicates();

        orders.awaitInventoryInvariants();
        assertThat(orders.product(product).toString()).contains("\"available\":0");
        Map<String, Long> confirmed = results.stream()
                .filter(a -> a.status() == 201)
                .collect(Collectors.groupingBy(a -> a.text("order_id"), Collectors.counting()));
        confirmed
                .keySet()
                .forEach(id -> assertThat(orders.get(id).text("status")).isEqualTo("CONFIRMED"));
        assertThat(confirmed).hasSize(STOCK);
        Function<Http.Answer, String> code = a -> a.text("code");
        assertThat(results.stream().map(code).filter(c -> c != null && !c.equals("INSUFFICIENT_STOCK")))
                .isEmpty();
    }
}
