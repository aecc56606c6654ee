package dev.ordersaga.inventory.saga;

import dev.ordersaga.events.Money;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.inventory.domain.Product;
import dev.ordersaga.inventory.domain.Rejection;
import dev.ordersaga.inventory.domain.Reservation;
import dev.ordersaga.inventory.domain.ReservationLine;
import dev.ordersaga.inventory.domain.StockCheck;
import dev.ordersaga.inventory.store.ProductStock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The stock moves of the reservation steps, line by line, each one conditional update of one
 * product that records the order among its holders ({@link ProductStock}): repeating a move is a
 * no-op, so a redelivery may repeat any of them.
 */
@Component
class StockMoves {

    /** How often one line is retried when its hold failed but a re-read says it should succeed (a racing refill). */
    private static final int HOLD_ATTEMPTS = 3;

    private final ProductStock stock;

    StockMoves(ProductStock stock) {
        this.stock = stock;
    }

    /** The price of a held line, or why it cannot be held. */
    record HoldResult(Money price, Rejection rejection) {}

    HoldResult hold(Reservation reservation, ReservationLine line) {
        String orderId = reservation.orderId();
        for (int attempt = 1; ; attempt++) {
            Optional<Product> held = stock.hold(line.productId(), orderId, line.quantity());
            if (held.isPresent()) {
                return new HoldResult(held.get().price().toMoney(), null);
            }
            if (stock.isHeldFor(line.productId(), orderId)) {
                // Held before a crash that came before the line was marked: the move happened once, keep it.
                Product product = stock.find(List.of(line.productId())).getFirst();
                return new HoldResult(product.price().toMoney(), null);
            }
            // Name every offender among the lines not yet held, not just the first one found.
            List<ReservationLine> notHeld = reservation.pendingLines();
            Map<String, Product> products =
                    stock.find(notHeld.stream().map(ReservationLine::productId).toList()).stream()
                            .collect(Collectors.toMap(Product::id, Function.identity()));
            Optional<Rejection> rejection = StockCheck.diagnose(notHeld, products);
            if (rejection.isPresent() && rejection.get().productIds().contains(line.productId())) {
                return new HoldResult(null, rejection.get());
            }
            if (rejection.isPresent() || attempt == HOLD_ATTEMPTS) {
                // This line looks holdable now (stock came back in between) but another line fails,
                // or it keeps losing races: reject for what the read says, or for this line.
                return new HoldResult(
                        null,
                        rejection.orElseGet(() -> new Rejection(
                                ReasonCode.INSUFFICIENT_STOCK,
                                List.of(line.productId()),
                                "Not enough in stock: " + line.productId() + ".")));
            }
        }
    }

    void giveBack(Reservation reservation, List<ReservationLine> lines) {
        for (ReservationLine line : lines) {
            stock.giveBack(line.productId(), reservation.orderId(), line.quantity());
        }
    }

    void sell(Reservation reservation) {
        for (ReservationLine line : reservation.lines()) {
            stock.sell(line.productId(), reservation.orderId(), line.quantity());
        }
    }
}
