package dev.ordersaga.inventory.store;

import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.Event;
import dev.ordersaga.events.OrderLine;
import dev.ordersaga.inventory.domain.OrderStock;
import dev.ordersaga.inventory.domain.Reservation;
import dev.ordersaga.inventory.domain.Shelf;
import dev.ordersaga.inventory.domain.StockCheck;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The saga's reads and writes of a batch of orders: one query for their reservations and one for
 * the products they name (none for a batch of confirmations of reserved orders); then one bulk
 * write of the stock moves and one of the reservations.
 */
@Component
public record OrderStocks(Reservations reservations, ProductStock stock) {

    /**
     * Every order of the batch with its reservation (null: none) and one {@link Shelf} they share:
     * the products their reservations and their {@code CustomerValidated} lines name, with holders,
     * except those of orders that are only sold ({@link OrderStock#sellsUnread}); no product query
     * at all for a batch of confirmations.
     *
     * @param known reservations already known (as stored: kept in memory), by order id; not read again
     */
    public Map<String, OrderStock> load(Map<String, List<Event>> eventsByOrder, Map<String, Reservation> known) {
        Map<String, Reservation> stored = new HashMap<>(known);
        Set<String> unknown = new LinkedHashSet<>(eventsByOrder.keySet());
        unknown.removeAll(known.keySet());
        if (!unknown.isEmpty()) {
            reservations.findAll(unknown).forEach(r -> stored.put(r.orderId(), r));
        }
        Set<String> products = new LinkedHashSet<>();
        stored.values().stream()
                .filter(r -> !OrderStock.sellsUnread(r, eventsByOrder.get(r.orderId())))
                .forEach(r -> r.lines().forEach(line -> products.add(line.productId())));
        eventsByOrder
                .values()
                .forEach(events -> events.forEach(event -> {
                    if (event instanceof CustomerValidated validated) {
                        StockCheck.merge(validated.lines()).stream()
                                .map(OrderLine::productId)
                                .forEach(products::add);
                    }
                }));
        Shelf shelf = products.isEmpty() ? Shelf.empty() : new Shelf(stock.findWithHolders(products));
        Map<String, OrderStock> states = new LinkedHashMap<>();
        eventsByOrder.keySet().forEach(order -> states.put(order, new OrderStock(order, stored.get(order), shelf)));
        return states;
    }

    /**
     * Writes the stock moves first, then the reservations of the orders whose moves were made: a
     * crash in between leaves moves the products record, which a repeated step reads.
     *
     * @return the orders to load and decide again: a guard was refused
     */
    public Set<String> storeAll(Collection<OrderStock> changed) {
        Set<String> stale = new LinkedHashSet<>(stock.move(
                changed.stream().flatMap(order -> order.moves().stream()).toList()));
        List<Reservation> decided = changed.stream()
                .filter(order -> !stale.contains(order.orderId()) && order.reservation() != null)
                .map(OrderStock::reservation)
                .toList();
        stale.addAll(reservations.storeAll(decided));
        return stale;
    }
}
