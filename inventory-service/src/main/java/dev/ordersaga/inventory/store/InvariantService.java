package dev.ordersaga.inventory.store;

import dev.ordersaga.inventory.domain.InvariantReport;
import dev.ordersaga.inventory.domain.Product;
import dev.ordersaga.inventory.domain.Reservation;
import dev.ordersaga.inventory.domain.ReservationLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** Checks the stock invariants over the whole catalog (an admin and benchmark tool, not a hot path). */
@Service
public class InvariantService {

    private final MongoTemplate mongo;
    private final Reservations reservations;

    public InvariantService(MongoTemplate mongo, Reservations reservations) {
        this.mongo = mongo;
        this.reservations = reservations;
    }

    public InvariantReport check() {
        List<Product> products = mongo.find(new Query().with(Sort.by("sku")), Product.class);
        Set<String> holders = new HashSet<>();
        products.forEach(product -> holders.addAll(product.appliedReservations()));
        Map<String, Reservation> byOrder = holders.isEmpty()
                ? Map.of()
                : reservations.findAll(holders).stream()
                        .collect(Collectors.toMap(Reservation::orderId, Function.identity()));
        List<InvariantReport.ProductCheck> checks = new ArrayList<>();
        for (Product product : products) {
            long reservedByOrders = 0;
            boolean holdersKnown = true;
            for (String orderId : product.appliedReservations()) {
                Reservation reservation = byOrder.get(orderId);
                if (reservation == null) {
                    holdersKnown = false;
                    continue;
                }
                reservedByOrders += reservation.lines().stream()
                        .filter(line -> line.productId().equals(product.id()))
                        .mapToLong(ReservationLine::quantity)
                        .sum();
            }
            boolean ok = product.stockAddsUp()
                    && holdersKnown
                    && reservedByOrders == product.stock().reserved();
            checks.add(new InvariantReport.ProductCheck(
                    product.id(),
                    product.sku(),
                    product.received(),
                    product.stock().available(),
                    product.stock().reserved(),
                    product.stock().sold(),
                    reservedByOrders,
                    product.appliedReservations().size(),
                    ok));
        }
        return new InvariantReport(
                checks.stream().allMatch(InvariantReport.ProductCheck::ok),
                reservations.countOpen(),
                checks,
                Instant.now());
    }
}
