package dev.ordersaga.inventory.domain;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The products a batch of orders asks for, as the batch read them (with the orders holding each),
 * and the batch's decisions on them so far. The orders of one batch share one shelf, so two orders
 * deciding on one product see each other's holds. What the store then writes is guarded by what
 * the shelf read (enough available, still active, same price, same holders): a decision taken on a
 * shelf gone stale is refused by the store and taken again on a fresh read.
 */
public final class Shelf {

    private final Map<String, Product> products = new HashMap<>();
    private final Map<String, Set<String>> holders = new HashMap<>();

    public Shelf(Collection<Product> read) {
        for (Product product : read) {
            products.put(product.id(), product);
            holders.put(product.id(), new HashSet<>(product.appliedReservations()));
        }
    }

    /** A shelf with no products, for a batch that needs none. */
    public static Shelf empty() {
        return new Shelf(List.of());
    }

    /** The products as they stand after the batch's decisions so far, by id (absent: no such product). */
    Map<String, Product> products() {
        return Collections.unmodifiableMap(products);
    }

    /** Whether the batch read this product (a sale needs no read of it: see {@link OrderStock#sellsUnread}). */
    boolean has(String productId) {
        return products.containsKey(productId);
    }

    /** Whether the order holds stock of the product (as read, and as decided since). */
    boolean holds(String productId, String orderId) {
        Set<String> orders = holders.get(productId);
        return orders != null && orders.contains(orderId);
    }

    StockMove take(String orderId, ReservationLine line) {
        Product product = products.get(line.productId());
        StockMove move = StockMove.hold(orderId, line, product.price());
        apply(move);
        return move;
    }

    StockMove giveBack(String orderId, ReservationLine line) {
        StockMove move = StockMove.giveBack(orderId, line);
        apply(move);
        return move;
    }

    /** The sale of a line; on a product the batch did not read, the move alone (the store's guard judges it). */
    StockMove sell(String orderId, ReservationLine line) {
        StockMove move = StockMove.sell(orderId, line);
        if (has(line.productId())) {
            apply(move);
        }
        return move;
    }

    private void apply(StockMove move) {
        Product product = products.get(move.productId());
        Stock stock = product.stock();
        products.put(
                product.id(),
                product.withStock(new Stock(
                        stock.available() + move.available(),
                        stock.reserved() + move.reserved(),
                        stock.sold() + move.sold())));
        if (move.heldAfter()) {
            holders.get(product.id()).add(move.orderId());
        } else {
            holders.get(product.id()).remove(move.orderId());
        }
    }
}
