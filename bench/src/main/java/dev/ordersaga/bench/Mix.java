package dev.ordersaga.bench;

import java.util.Random;

/**
 * The blend of requests a run sends, in percent. Each kind is produced on purpose: a valid order,
 * a declined payment ({@code test_declined_card}), an out-of-stock product (zero stock), or an
 * invalid body (quantity 0).
 */
public record Mix(int valid, int declined, int outOfStock, int badRequest) {

    /** A kind of request and the status it is sent to get. */
    public enum Kind {
        VALID(201),
        DECLINED(402),
        OUT_OF_STOCK(409),
        BAD_REQUEST(400);

        private final int intended;

        Kind(int intended) {
            this.intended = intended;
        }

        /** The status this kind of request asks for: 201, 402, 409 or 400. */
        public int intended() {
            return intended;
        }
    }

    public Mix {
        if (valid < 0 || declined < 0 || outOfStock < 0 || badRequest < 0) {
            throw new IllegalArgumentException("mix percentages must not be negative");
        }
        if (valid + declined + outOfStock + badRequest != 100) {
            throw new IllegalArgumentException(
                    "mix must add up to 100, got " + (valid + declined + outOfStock + badRequest));
        }
    }

    /** Parses {@code valid,declined,outOfStock,badRequest}, e.g. {@code 85,5,5,5}. */
    public static Mix parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("mix is valid,declined,out_of_stock,bad_request, e.g. 85,5,5,5");
        }
        return new Mix(
                Integer.parseInt(parts[0].trim()),
                Integer.parseInt(parts[1].trim()),
                Integer.parseInt(parts[2].trim()),
                Integer.parseInt(parts[3].trim()));
    }

    public Kind pick(Random random) {
        int roll = random.nextInt(100);
        if (roll < valid) {
            return Kind.VALID;
        }
        if (roll < valid + declined) {
            return Kind.DECLINED;
        }
        if (roll < valid + declined + outOfStock) {
            return Kind.OUT_OF_STOCK;
        }
        return Kind.BAD_REQUEST;
    }

    @Override
    public String toString() {
        return "valid %d%%, declined %d%%, out-of-stock %d%%, bad request %d%%"
                .formatted(valid, declined, outOfStock, badRequest);
    }
}
