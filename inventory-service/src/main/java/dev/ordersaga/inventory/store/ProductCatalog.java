package dev.ordersaga.inventory.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.ordersaga.inventory.domain.Product;
import dev.ordersaga.inventory.domain.StockAdjustment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The catalog's reads and writes: products without their list of holders (that is the saga's),
 * and the journal of manual stock adjustments. Stock moves are {@link ProductStock}'s.
 */
@Component
public class ProductCatalog {

    private final MongoTemplate mongo;

    ProductCatalog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A fresh product id (an ObjectId in hex). */
    public static String newId() {
        return new ObjectId().toHexString();
    }

    /** Inserts a new product; the unique indexes on id and sku refuse a second one ({@code DuplicateKeyException}). */
    public Product insert(Product product) {
        return mongo.insert(product);
    }

    public boolean exists(String id) {
        return mongo.exists(Query.query(where("id").is(id)), Product.class);
    }

    public Optional<Product> find(String id) {
        return Optional.ofNullable(mongo.findOne(withoutHolders(byId(id)), Product.class));
    }

    /** Products whose name contains {@code name} (literally, case-insensitive) and with this {@code active}; null: any. */
    public long count(String name, Boolean active) {
        return mongo.count(filter(name, active), Product.class);
    }

    /** One page of {@link #count}'s products. */
    public List<Product> list(String name, Boolean active, Pageable page) {
        return mongo.find(withoutHolders(filter(name, active)).with(page), Product.class);
    }

    /** Sets these fields (and {@code updated_at}) in one update; empty if there is no such product. */
    public Optional<Product> update(String id, Map<String, Object> fields, Instant at) {
        Update update = new Update();
        fields.forEach(update::set);
        update.set("updated_at", at);
        return Optional.ofNullable(mongo.findAndModify(
                withoutHolders(byId(id)), update, FindAndModifyOptions.options().returnNew(true), Product.class));
    }

    public void record(StockAdjustment adjustment) {
        mongo.insert(adjustment);
    }

    private static Query filter(String name, Boolean active) {
        Query query = new Query();
        if (name != null && !name.isBlank()) {
            // Quoted: the client's text is matched literally, never interpreted as a regular expression.
            query.addCriteria(where("name").regex(Pattern.quote(name.strip()), "i"));
        }
        if (active != null) {
            query.addCriteria(where("active").is(active));
        }
        return query;
    }

    private static Query byId(String id) {
        return Query.query(where("id").is(id));
    }

    private static Query withoutHolders(Query query) {
        query.fields().exclude(Product.APPLIED_RESERVATIONS);
        return query;
    }
}
