package dev.ordersaga.inventory.domain;

import java.time.Instant;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * A catalog product and its stock.
 *
 * <p>{@code received} is the initial stock plus every adjustment, so at rest {@code received ==
 * available + reserved + sold} can be checked without replaying history. {@code
 * appliedReservations} holds the ids of the orders whose reservation currently holds units of this
 * product: the reservation's stock move and this record are one atomic single-document update, which
 * makes every line move exactly-once under redelivery (see the README).
 */
@Document("products")
public record Product(
        @Id String id,
        @Indexed(unique = true) String sku,
        String name,
        String description,
        Price price,
        boolean active,
        Stock stock,
        long received,
        @Field(APPLIED_RESERVATIONS) Set<String> appliedReservations,
        @Field("created_at") Instant createdAt,
        @Field("updated_at") Instant updatedAt) {

    public static final String APPLIED_RESERVATIONS = "applied_reservations";

    /**
     * The holders as Spring Data's query filters and updates name them: the property, which it maps to
     * {@link #APPLIED_RESERVATIONS}; the field name would first be looked up as a property path, which
     * fails with an exception every time. A projection names the field: by the property,
     * {@code findAndModify} would return the holders.
     */
    public static final String HOLDERS = "appliedReservations";

    public Product {
        appliedReservations = appliedReservations == null ? Set.of() : Set.copyOf(appliedReservations);
    }

    public static Product create(
            String id,
            String sku,
            String name,
            String description,
            Price price,
            boolean active,
            long stock,
            Instant now) {
        return new Product(id, sku, name, description, price, active, Stock.initial(stock), stock, Set.of(), now, now);
    }

    /** What the catalog can account for: every unit received is available, held or sold, and none is negative. */
    public boolean stockAddsUp() {
        return stock.available() >= 0 && stock.reserved() >= 0 && stock.sold() >= 0 && received == stock.total();
    }

    public boolean isHeldFor(String orderId) {
        return appliedReservations.contains(orderId);
    }

    /** The same product with other stock counters (a decision of a batch, not yet stored). */
    Product withStock(Stock moved) {
        return new Product(
                id, sku, name, description, price, active, moved, received, appliedReservations, createdAt, updatedAt);
    }
}
