package dev.ordersaga.inventory.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import dev.ordersaga.inventory.InventoryIntegrationTest;
import dev.ordersaga.inventory.domain.Stock;
import java.time.Instant;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The single-document conditional updates the exactly-once scheme rests on, against the same
 * MongoDB-compatible server the service runs on here ({@code $ne} on an array, {@code $addToSet},
 * {@code $pull}, {@code findAndModify} with a projection, Decimal128).
 */
class ProductStockTest extends InventoryIntegrationTest {

    @Autowired
    ProductStock stock;

    @Autowired
    MongoTemplate mongo;

    @Test
    void a_hold_for_an_order_happens_once_however_often_it_is_repeated() {
        String product = product(10, "2.50");
        String order = UUID.randomUUID().toString();

        var first = stock.hold(product, order, 3);
        var again = stock.hold(product, order, 3);

        assertThat(first).isPresent();
        assertThat(first.get().price().toMoney().amount()).isEqualByComparingTo("2.50");
        assertThat(first.get().stock()).isEqualTo(new Stock(7, 3, 0));
        assertThat(again).isEmpty();
        assertThat(stock.isHeldFor(product, order)).isTrue();
        assertThat(stock(product)).containsExactly(7, 3, 0);
        // No reservation document backs this hold: take it back so the catalog-wide invariant stays true.
        assertThat(stock.giveBack(product, order, 3)).isTrue();
    }

    @Test
    void giving_back_or_selling_happens_once_and_only_for_what_the_order_holds() {
        String product = product(10, "2.50");
        String order = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        stock.hold(product, order, 3).orElseThrow();
        stock.hold(product, other, 2).orElseThrow();

        assertThat(stock.giveBack(product, order, 3)).isTrue();
        assertThat(stock.giveBack(product, order, 3)).isFalse();
        assertThat(stock.sell(product, order, 3)).isFalse();
        assertThat(stock.sell(product, other, 2)).isTrue();
        assertThat(stock.sell(product, other, 2)).isFalse();

        assertThat(stock(product)).containsExactly(8, 0, 2);
        assertThat(stock.isHeldFor(product, order)).isFalse();
        assertThat(stock.isHeldFor(product, other)).isFalse();
    }

    @Test
    void a_hold_never_takes_available_below_zero_nor_touches_an_inactive_product() {
        String scarce = product(2, "1.00");
        String retired = product(5, "1.00", "EUR", false);

        assertThat(stock.hold(scarce, UUID.randomUUID().toString(), 3)).isEmpty();
        assertThat(stock.hold(retired, UUID.randomUUID().toString(), 1)).isEmpty();
        assertThat(stock.hold("0123456789abcdef01234567", UUID.randomUUID().toString(), 1))
                .isEmpty();

        assertThat(stock(scarce)).containsExactly(2, 0, 0);
        assertThat(stock(retired)).containsExactly(5, 0, 0);
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
        assertThat(((Decimal128) amount).bigDecimalValue()).isEqualTo(new java.math.BigDecimal("12.50"));
        assertThat(stored.get("received")).isIn(1, 1L);
    }
}
