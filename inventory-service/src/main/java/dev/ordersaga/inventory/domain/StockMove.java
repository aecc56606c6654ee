package dev.ordersaga.inventory.domain;

/**
 * What one order does to one product's stock in one batch, and what the store must find to do it:
 * whether the order held the product before ({@code heldBefore}: the product must still say so) and
 * after, the change of each counter, and for a hold the price the order pays (the product must
 * still ask it).
 */
public record StockMove(
        String productId,
        String orderId,
        boolean heldBefore,
        boolean heldAfter,
        long available,
        long reserved,
        long sold,
        Price price) {

    static StockMove hold(String orderId, ReservationLine line, Price price) {
        return new StockMove(line.productId(), orderId, false, true, -line.quantity(), line.quantity(), 0, price);
    }

    static StockMove giveBack(String orderId, ReservationLine line) {
        return new StockMove(line.productId(), orderId, true, false, line.quantity(), -line.quantity(), 0, null);
    }

    static StockMove sell(String orderId, ReservationLine line) {
        return new StockMove(line.productId(), orderId, true, false, 0, -line.quantity(), line.quantity(), null);
    }

    /** This move followed by the next one of the same order on the same product, as one move. */
    StockMove then(StockMove next) {
        StockMove both = new StockMove(
                productId,
                orderId,
                heldBefore,
                next.heldAfter,
                available + next.available,
                reserved + next.reserved,
                sold + next.sold,
                price != null ? price : next.price);
        if (!both.heldBefore && !both.heldAfter && !both.isNone()) {
            // A sale of a hold decided in the same batch: no holder would record it, so it could not be told apart
            // from a move not made. The saga cannot ask it (a confirmation follows the published reservation).
            throw new IllegalStateException("order " + orderId + " cannot sell a hold that is not stored yet");
        }
        return both;
    }

    /** Nothing to write: the moves cancel out (a hold given back in the same batch). */
    public boolean isNone() {
        return heldBefore == heldAfter && available == 0 && reserved == 0 && sold == 0;
    }

    /** A move that takes units from {@code available}: the product must have them, be active and keep its price. */
    public boolean takes() {
        return available < 0;
    }
}
