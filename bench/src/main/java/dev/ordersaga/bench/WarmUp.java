package dev.ordersaga.bench;

import dev.ordersaga.seed.GatewayClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import tools.jackson.databind.node.ObjectNode;

/**
 * Real orders through the gateway before {@code up} says ready, so the JIT compilers of the eight
 * JVMs do their work on these and not on a user's first orders (and, on a first start, so the AOT
 * cache is trained by the saga's real paths: the local stack's {@code StartupCache}). {@code ./stack up}
 * runs it; it talks to the gateway with the seeder's and the bench's {@link GatewayClient}.
 *
 * <p>The orders never touch the demo data: the admin orders for a customer and products of their
 * own, created here once (a second {@code up} finds them: 409), named as what they are. The orders
 * mix the three outcomes the saga has: confirmed (reserve, pay, confirm, commit), insufficient
 * stock (a product with none) and a declined payment (reserve, fail, release), so every step and
 * its compensation is compiled. Every order ends terminal and consistent, so the inventory and
 * payment invariants hold with them as with any other order.
 *
 * <p>The load is up to {@link #RATE} orders a second, at most {@link #IN_FLIGHT} at once (so a
 * cold stack gets what it can take, a warmer one more): measured here, a just-started stack needs
 * a few hundred orders before its answers settle near their warm level, and a steady load gets
 * there sooner than bursts, which only queue. It stops once the stack answers at its warm speed:
 * the median of the last {@link #WINDOW} confirmed answers within {@link #FAST}, or <em>settled</em>
 * (that median and the one of the window before it both within {@link #SETTLED_CEILING}, and the
 * last no longer faster than the one before by more than {@link #STILL_IMPROVING}), or after
 * {@link #MAX_TIME}; what it did is one progress line. The fixed threshold alone was never
 * reached here once every order was traced (the local default): a warm stack answers these orders
 * in 35-50 ms on two cores.
 */
public final class WarmUp {

    /** The warm-up's own records (ObjectId-shaped ids that no demo record uses). */
    public static final String CUSTOMER_ID = "5741a2000000000000000001";

    public static final String PRODUCT_ID = "5741a2000000000000000002";
    public static final String EMPTY_PRODUCT_ID = "5741a2000000000000000003";

    /** Enough for a million warm-up orders: never restocked, never runs out in practice. */
    static final int STOCK = 1_000_000;

    /**
     * Below the gateway's 20 orders a second per user (after a burst of 60, then 429), and at most a
     * few at once: a cold stack is slow, and more would only queue (and time out) instead of
     * warming it sooner.
     */
    static final int RATE = 18;

    static final int IN_FLIGHT = 4;
    static final int WINDOW = 20;
    static final Duration FAST = Duration.ofMillis(40);

    /** Above this a window is still cold, however steady: queueing behind the compilers looks steady too. */
    static final Duration SETTLED_CEILING = Duration.ofMillis(80);

    /** A window this much faster than the one before means the compilers are still paying off. */
    static final double STILL_IMPROVING = 0.15;

    static final Duration MAX_TIME = Duration.ofSeconds(40);

    private final GatewayClient gateway;
    private final String adminUsername;
    private final String adminPassword;

    public WarmUp(String gatewayUrl, String adminUsername, String adminPassword) {
        this.gateway = new GatewayClient(gatewayUrl);
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
    }

    /**
     * What the warm-up did.
     *
     * @param orders how many orders it sent
     * @param statuses how many answers of each HTTP status (-1: no answer)
     * @param lastMedian the median of the last {@link #WINDOW} confirmed answers
     * @param took the whole warm-up
     */
    public record Result(int orders, Map<Integer, Integer> statuses, Duration lastMedian, Duration took, Stop stop) {
        @Override
        public String toString() {
            return "%d orders %s, median of the last %d confirmed %d ms, %s (%.1f s)"
                    .formatted(
                            orders,
                            statuses,
                            WINDOW,
                            lastMedian.toMillis(),
                            stop.description,
                            took.toMillis() / 1000.0);
        }
    }

    /** Why the warm-up ended. */
    public enum Stop {
        FAST("fast"),
        SETTLED("settled: no faster than the window before"),
        OUT_OF_TIME("out of time, not settled yet"),
        NOT_YET(null);

        final String description;

        Stop(String description) {
            this.description = description;
        }
    }

    /**
     * Sends the warm-up orders until the stack answers at its warm speed.
     *
     * @throws IllegalStateException when the gateway refuses the set-up (the admin login, the records)
     */
    public Result run() {
        Instant begin = Instant.now();
        GatewayClient.Session admin = gateway.login(adminUsername, adminPassword);
        gateway.create(admin, "api/customers", customer());
        gateway.create(admin, "api/products", product(PRODUCT_ID, "WARMUP-STOCKED", STOCK));
        gateway.create(admin, "api/products", product(EMPTY_PRODUCT_ID, "WARMUP-EMPTY", 0));
        String token = admin.token();
        Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
        Deque<Duration> confirmed = new ConcurrentLinkedDeque<>();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        Duration interval = Duration.ofNanos(1_000_000_000L / RATE);
        int sent = 0;
        Stop stop;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Instant next = Instant.now();
            while ((stop = stop(recent(confirmed), Duration.between(begin, Instant.now()))) == Stop.NOT_YET) {
                sleepUntil(next);
                acquire(inFlight);
                // paced from now, never catching up: time lost waiting for a permit is not sent later in a burst
                // (which the gateway's per-user limit would refuse)
                Instant now = Instant.now();
                next = (next.isBefore(now) ? now : next).plus(interval);
                String body = order(sent++);
                pool.submit(() -> {
                    try {
                        Answer answer = timed(body, token);
                        statuses.merge(answer.status(), 1, Integer::sum);
                        if (answer.status() == 201) {
                            confirmed.addLast(answer.took());
                        }
                    } catch (RuntimeException e) {
                        statuses.merge(-1, 1, Integer::sum);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        } // closing waits for the last answers: no warm-up order is under way once up says ready
        List<Duration> last = recent(confirmed);
        return new Result(
                sent,
                new TreeMap<>(statuses),
                median(last.subList(Math.max(0, last.size() - WINDOW), last.size())),
                Duration.between(begin, Instant.now()),
                stop);
    }

    /** One answer to a warm-up order. */
    record Answer(int status, Duration took) {}

    /** The last two {@link #WINDOW}s of confirmed answer times, oldest first (fewer at first). */
    static List<Duration> recent(Deque<Duration> confirmed) {
        List<Duration> all = List.copyOf(confirmed);
        return all.subList(Math.max(0, all.size() - 2 * WINDOW), all.size());
    }

    /**
     * Whether the warm-up stops, and why, given the last two windows of confirmed answers (oldest
     * first): the last window fast at the median, or both windows within the ceiling and the last no
     * longer clearly faster, or out of time.
     */
    static Stop stop(List<Duration> recent, Duration elapsed) {
        if (recent.size() >= WINDOW) {
            Duration last = median(recent.subList(recent.size() - WINDOW, recent.size()));
            if (last.compareTo(FAST) <= 0) {
                return Stop.FAST;
            }
            if (recent.size() >= 2 * WINDOW) {
                Duration before = median(recent.subList(recent.size() - 2 * WINDOW, recent.size() - WINDOW));
                boolean bothWarm = last.compareTo(SETTLED_CEILING) <= 0 && before.compareTo(SETTLED_CEILING) <= 0;
                boolean stillImproving = last.toNanos() < (1 - STILL_IMPROVING) * before.toNanos();
                if (bothWarm && !stillImproving) {
                    return Stop.SETTLED;
                }
            }
        }
        return elapsed.compareTo(MAX_TIME) >= 0 ? Stop.OUT_OF_TIME : Stop.NOT_YET;
    }

    static Duration median(List<Duration> durations) {
        if (durations.isEmpty()) {
            return Duration.ofDays(1); // nothing confirmed yet: not fast
        }
        List<Duration> sorted = durations.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** The i-th order: eight in ten confirmed, one insufficient stock, one declined payment. */
    static String order(int i) {
        String product = i % 10 == 1 ? EMPTY_PRODUCT_ID : PRODUCT_ID;
        String method = i % 10 == 2 ? "test_declined_card" : "credit_card";
        ObjectNode body = GatewayClient.JSON.createObjectNode().put("customer_id", CUSTOMER_ID);
        body.putArray("products").addObject().put("product_id", product).put("quantity", 1);
        body.put("payment_method", method)
                .put("shipping_address", "local stack warm-up")
                .put("billing_address", "local stack warm-up");
        return body.toString();
    }

    private static String customer() {
        ObjectNode body = GatewayClient.JSON
                .createObjectNode()
                .put("id", CUSTOMER_ID)
                .put("name", "Local stack warm-up (not demo data)")
                .put("email", "warm-up@stack.invalid")
                .put("active", true);
        body.putArray("addresses")
                .addObject()
                .put("street", "local stack warm-up")
                .put("city", "-")
                .put("postal_code", "0")
                .put("country", "US");
        return body.toString();
    }

    private static String product(String id, String sku, int stock) {
        ObjectNode body = GatewayClient.JSON
                .createObjectNode()
                .put("id", id)
                .put("sku", sku)
                .put("name", "Local stack warm-up (not demo data)")
                .put("description", "ordered by ./stack up before it reports ready, so the first real orders are fast")
                .put("stock", stock)
                .put("active", true);
        body.putObject("price").put("amount", new java.math.BigDecimal("1.00")).put("currency", "EUR");
        return body.toString();
    }

    private static void sleepUntil(Instant when) {
        Duration left = Duration.between(Instant.now(), when);
        if (left.isPositive()) {
            try {
                Thread.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static void acquire(Semaphore permits) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Answer timed(String body, String token) {
        Instant begin = Instant.now();
        int status = gateway.createOrderSync(token, body, "warm-up-" + UUID.randomUUID())
                .statusCode();
        return new Answer(status, Duration.between(begin, Instant.now()));
    }
}
