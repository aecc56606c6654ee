package dev.ordersaga.inventory.domain;

import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderLine;
import dev.ordersaga.events.ReasonCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The rules of an all-or-nothing reservation that need no database: pure functions, unit-tested. */
public final class StockCheck {

    private StockCheck() {}

    /**
     * One line per product, quantities added, in the order the products first appear. Two lines
     * for one product would otherwise be checked against the same stock separately and, together,
     * could take more than there is (and the product's holder record admits one hold per order).
     * Product ids are compared in the catalog's lowercase form, so {@code ABC…} and {@code abc…}
     * are one product too.
     */
    public static List<OrderLine> merge(List<OrderLine> lines) {
        Map<String, Long> quantities = new LinkedHashMap<>();
        for (OrderLine line : lines) {
            quantities.merge(line.productId().strip().toLowerCase(Locale.ROOT), (long) line.quantity(), Long::sum);
        }
        List<OrderLine> merged = new ArrayList<>(quantities.size());
        // A sum beyond int cannot be in stock anyway; capping keeps it an honest "insufficient".
        quantities.forEach((product, quantity) ->
                merged.add(new OrderLine(product, (int) Math.min(quantity, Integer.MAX_VALUE))));
        return List.copyOf(merged);
    }

    /**
     * Why these lines (none of them held for the order) cannot all be held, judged from a read of
     * their products; empty if, as read, they could. The most fundamental reason wins: a product
     * that does not exist, then one that is not for sale, then one that is short. Every line with
     * that reason is named.
     */
    public static Optional<Rejection> diagnose(List<ReservationLine> lines, Map<String, Product> products) {
        List<String> missing = offenders(lines, line -> !products.containsKey(line.productId()));
        if (!missing.isEmpty()) {
            return Optional.of(new Rejection(
                    ReasonCode.PRODUCT_NOT_FOUND, missing, "No such product: " + String.join(", ", missing) + "."));
        }
        List<String> inactive =
                offenders(lines, line -> !products.get(line.productId()).active());
        if (!inactive.isEmpty()) {
            return Optional.of(new Rejection(
                    ReasonCode.PRODUCT_INACTIVE, inactive, "Not for sale: " + String.join(", ", inactive) + "."));
        }
        List<String> short_ =
                offenders(lines, line -> products.get(line.productId()).stock().available() < line.quantity());
        if (!short_.isEmpty()) {
            return Optional.of(new Rejection(
                    ReasonCode.INSUFFICIENT_STOCK, short_, "Not enough in stock: " + String.join(", ", short_) + "."));
        }
        return Optional.empty();
    }

    /**
     * An order is paid in one currency: the lines priced in another currency than the first line
     * are named. Empty if all lines priced so far agree.
     */
    public static Optional<Rejection> currencyMismatch(List<ReservationLine> pricedLines) {
        if (pricedLines.isEmpty()) {
            return Optional.empty();
        }
        String currency = pricedLines.getFirst().unitMoney().currency();
        List<String> others =
                offenders(pricedLines, line -> !line.unitMoney().currency().equals(currency));
        if (others.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rejection(
                ReasonCode.CURRENCY_MISMATCH,
                others,
                "The order mixes currencies: " + String.join(", ", others) + " not priced in " + currency + "."));
    }

    /** The sum of the line totals; all lines must be priced in one currency. */
    public static Money total(List<ReservationLine> pricedLines) {
        return pricedLines.stream()
                .map(line -> line.unitMoney().times(line.quantity()))
                .reduce(Money::plus)
                .orElseThrow(() -> new IllegalArgumentException("no lines to total"));
    }

    private static List<String> offenders(List<ReservationLine> lines, Predicate<ReservationLine> fails) {
        return lines.stream().filter(fails).map(ReservationLine::productId).toList();
    }
}
