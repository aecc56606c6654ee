package dev.ordersaga.inventory.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import dev.ordersaga.inventory.InventoryIntegrationTest;
import dev.ordersaga.inventory.domain.Price;
import dev.ordersaga.inventory.domain.StockMove;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The guarded bulk updates the exactly-once scheme rests on, against the same MongoDB-compatible
 * server the service runs on here ({@code $nin} and {@code $all} on an array, {@code $addToSet
 * $each}, {@code $pullAll}, a Decimal128 price in a filter, {@code findAndModify} with a projection).
 */
class ProductStockTest extends InventoryIntegrationTest {

    @Autowired
    ProductStock stock;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ProductCatalog catalog;

    private static StockMove hold(String product, String order, long quantity, String price) {
        return new StockMove(
                product, order, false, true, -quantity, quantity, 0, new Price(new BigDecimal(price), "EUR"));
    }

    private static StockMove giveBack(String product, String order, long quantity) {
        return new StockMove(product, order, true, false, quantity, -quantity, 0, null);
    }

    private static StockMove sell(String product, String order, long quantity) {
        return new StockMove(product, order, true, false, 0, -quantity, quantity, null);
    }

    /**
     * The product's counters and its one holder; then the hold is given back, as no reservation
     * backs it (so the catalog-wide invariant other tests check stays true).
     */
    private void assertHeldOnlyBy(String product, long available, long reserved, String order) {
        assertStock(product, available, reserved, 0);
        assertThat(holders(product)).containsExactly(order);
        assertThat(stock.move(List.of(giveBack(product, order, reserved)))).isEmpty();
    }

    private Set<String> holders(String product) {
        return stock.findWithHolders(List.of(product)).getFirst().appliedReservations();
    }

    @Test
    void a_hold_for_an_order_happens_once_however_often_it_is_repeated() {
        String product = product(10, "2.50");
        String order = UUID.randomUUID().toString();

        assertThat(stock.move(List.of(hold(product, order, 3, "2.50")))).isEmpty();
        // refused by the holders, who already record it: nothing moves, and nothing is left to do
        assertThat(stock.move(List.of(hold(product, order, 3, "2.50")))).isEmpty();

        assertHeldOnlyBy(product, 7, 3, order);
    }

    @Test
    void the_catalogs_reads_and_an_adjustment_leave_the_holders_out() {
        String product = product(10, "2.50");
        String order = UUID.randomUUID().toString();
        assertThat(stock.move(List.of(hold(product, order, 3, "2.50")))).isEmpty();

        assertThat(catalog.find(product).orElseThrow().appliedReservations()).isEmpty();
        assertThat(catalog.update(product, Map.of("description", "held"), Instant.now())
                        .orElseThrow()
                        .appliedReservations())
                .isEmpty();
        assertThat(stock.adjust(product, 1, Instant.now()).orElseThrow().appliedReservations())
                .isEmpty();

        assertHeldOnlyBy(product, 8, 3, order);
    }

    @Test
    void giving_back_or_selling_happens_once_and_only_for_what_the_order_holds() {
        String product = product(10, "2.50");
        String order = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        assertThat(stock.move(List.of(hold(product, order, 3, "2.50"), hold(product, other, 2, "2.50"))))
                .isEmpty();

        assertThat(stock.move(List.of(giveBack(product, order, 3)))).isEmpty();
        assertThat(stock.move(List.of(giveBack(product, order, 3)))).isEmpty();
        assertThat(stock.move(List.of(sell(product, order, 3)))).isEmpty();
        assertThat(stock.move(List.of(sell(product, other, 2)))).isEmpty();
        assertThat(stock.move(List.of(sell(product, other, 2)))).isEmpty();

        assertStock(product, 8, 0, 2);
        assertThat(holders(product)).isEmpty();
    }

    @Test
    void a_hold_never_takes_available_below_zero_nor_touches_an_inactive_or_repriced_product() {
        String scarce = product(2, "1.00");
        String retired = product(5, "1.00", "EUR", false);
        String order = UUID.randomUUID().toString();

        assertThat(stock.move(List.of(hold(scarce, order, 3, "1.00")))).containsExactly(order);
        assertThat(stock.move(List.of(hold(retired, order, 1, "1.00")))).containsExactly(order);
        assertThat(stock.move(List.of(hold(scarce, order, 1, "0.99")))).containsExactly(order);
        assertThat(stock.move(List.of(hold("0123456789abcdef01234567", order, 1, "1.00"))))
                .containsExactly(order);

        assertStock(scarce, 2, 0, 0);
        assertStock(retired, 5, 0, 0);
    }

    @Test
    void the_orders_of_one_batch_on_one_product_move_together_or_not_at_all_and_other_products_still_move() {
        String scarce = product(3, "1.00");
        String plenty = product(10, "1.00");
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        Set<String> refused = stock.move(List.of(
                hold(scarce, first, 2, "1.00"), hold(scarce, second, 2, "1.00"), hold(plenty, first, 1, "1.00")));

        assertThat(refused).containsExactlyInAnyOrder(first, second);
        assertStock(scarce, 3, 0, 0);
        assertHeldOnlyBy(plenty, 9, 1, first);
    }

    @Test
    void units_one_order_gives_back_can_be_held_by_another_in_the_same_bulk_write() {
        String product = product(2, "1.00");
        String leaving = UUID.randomUUID().toString();
        String coming = UUID.randomUUID().toString();
        assertThat(stock.move(List.of(hold(product, leaving, 2, "1.00")))).isEmpty();

        assertThat(stock.move(List.of(hold(product, coming, 2, "1.00"), giveBack(product, leaving, 2))))
                .isEmpty();

        assertHeldOnlyBy(product, 0, 2, coming);
    }

    @Test
    void an_adjustment_moves_available_and_received_together_and_never_below_zero() {
        String product = product(4, "1.00");

        assertThat(stock.adjust(product, -5, Instant.now())).isEmpty();
        var adjusted = stock.adjust(product, -4, Instant.now());

        assertThat(adjusted).isPresent();
        assertThat(adjusted.get().stock().available()).isZero();
        assertThat(adjusted.get().received()).isZero();
        assertThat(adjusted.get().stockAddsUp()).isTrue();
    }

    @Test
    void prices_are_stored_as_decimal128_and_ids_as_object_ids() {
        String product = product(1, "12.50");

        Document stored = mongo.getCollection("products")
                .find(Filters.eq("_id", new ObjectId(product)))
                .first();

        assertThat(stored).isNotNull();
        Object amount = stored.get("price", Document.class).get("amount");
        assertThat(amount).isInstanceOf(Decimal128.class);
        assertThat(((Decimal128) amount).bigDecimalValue()).isEqualTo(new BigDecimal("12.50"));
        assertThat(stored.get("received")).isIn(1, 1L);
    }
}
