package dev.ordersaga.inventory.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.Topics;
import dev.ordersaga.inventory.InventoryIntegrationTest;
import dev.ordersaga.testsupport.KafkaTestClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Many buyers, scarce stock: 200 orders of one unit each against 37 units, spread over the topic's
 * 3 partitions and handled by 3 consumer threads at once (the settings of {@code @SagaServiceTest}).
 */
class NoOversellTest extends InventoryIntegrationTest {

    private static final int ORDERS = 200;
    private static final int STOCK = 37;

    @Test
    void two_hundred_concurrent_orders_for_37_units_reserve_exactly_37_and_reject_the_rest() {
        String product = product(STOCK, "9.99");
        String batch = "scarce-" + UUID.randomUUID() + "-";
        List<String> orders =
                IntStream.range(0, ORDERS).mapToObj(i -> batch + i).toList();

        orders.forEach(order -> validated(order, line(product, 1)));

        Map<String, List<JsonNode>> byType = Awaitility.await()
                .atMost(PATIENCE.multipliedBy(2))
                .pollInterval(java.time.Duration.ofMillis(500))
                .until(
                        () -> outcomesOf(batch),
                        outcomes ->
                                outcomes.values().stream().mapToInt(List::size).sum() >= ORDERS);

        assertThat(byType.get("StockReserved")).hasSize(STOCK);
        assertThat(byType.get("StockRejected")).hasSize(ORDERS - STOCK);
        assertThat(byType.get("StockRejected"))
                .allSatisfy(rejected ->
                        assertThat(rejected.get("reason").asString()).isEqualTo("INSUFFICIENT_STOCK"));
        assertThat(byType.values().stream()
                        .flatMap(List::stream)
                        .map(outcome -> outcome.get("order_id").asString())
                        .distinct()
                        .count())
                .as("one outcome per order")
                .isEqualTo(ORDERS);
        assertStock(product, 0, STOCK, 0);
        JsonNode invariants = invariants();
        assertThat(invariants.get("ok").asBoolean()).isTrue();
        JsonNode check = invariants
                .get("products")
                .valueStream()
                .filter(c -> c.get("product_id").asString().equals(product))
                .findFirst()
                .orElseThrow();
        assertThat(check.get("received").asLong()).isEqualTo(STOCK);
        assertThat(check.get("reserved_by_orders").asLong()).isEqualTo(STOCK);
        assertThat(check.get("holding_orders").asInt()).isEqualTo(STOCK);
    }

    private static Map<String, List<JsonNode>> outcomesOf(String batch) {
        return kafka.all(Topics.INVENTORY_EVENTS).stream()
                .filter(record -> record.key().startsWith(batch))
                .map(KafkaTestClient.Received::json)
                .collect(Collectors.groupingBy(json -> json.get("type").asString()));
    }
}
