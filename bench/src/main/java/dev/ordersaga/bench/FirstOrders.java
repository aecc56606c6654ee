package dev.ordersaga.bench;

import dev.ordersaga.seed.GatewayClient;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;

/**
 * What a newcomer does right after {@code ./stack up} says ready, as numbers: many buyers at once
 * for a scarce product (exactly {@code stock} × 201, the rest 409, never a 504), then orders one at
 * a time (their latency from the very first). Run it right after a start: it measures the stack's
 * first orders, so a second run measures a warmer stack.
 */
public final class FirstOrders {

    /** The outcome: the scarce round's statuses and the sequential orders' statuses and latency. */
    public record Result(
            int buyers,
            int stock,
            Map<Integer, Integer> scarce,
            Map<Integer, Integer> sequential,
            LatencySummary latency) {

        /**
         * Exactly {@code stock} confirmed (every buyer if fewer) and the rest refused for stock, nothing
         * else (no 504), and every sequential order confirmed.
         */
        public boolean pass() {
            return scarce.equals(expectedScarce()) && sequential.keySet().equals(java.util.Set.of(201));
        }

        Map<Integer, Integer> expectedScarce() {
            Map<Integer, Integer> expected = new TreeMap<>(Map.of(201, Math.min(buyers, stock)));
            if (buyers > stock) {
                expected.put(409, buyers - stock);
            }
            return expected;
        }

        public void print(PrintStream out) {
            out.printf(
                    "%-6s %d buyers at once for %d in stock: %s (expected %s)%n",
                    scarce.equals(expectedScarce()) ? "PASS" : "FAIL", buyers, stock, scarce, expectedScarce());
            out.printf(
                    "%-6s %d orders one at a time: %s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    sequential.keySet().equals(java.util.Set.of(201)) ? "PASS" : "FAIL",
                    latency.count(),
                    sequential,
                    latency.p50(),
                    latency.p90(),
                    latency.p99(),
                    latency.max());
        }
    }

    /**
     * Sequential orders alternate between this many buyers, so none of them reaches the gateway's
     * per-user order limit (20 a second) however fast the stack answers.
     */
    static final int SEQUENTIAL_BUYERS = 3;

    private final GatewayClient gateway;
    private final GatewayClient.Session admin;

    public FirstOrders(GatewayClient gateway, GatewayClient.Session admin) {
        this.gateway = gateway;
        this.admin = admin;
    }

    public Result run(int buyers, int stock, int sequentialOrders) throws Exception {
        String runId = "first-" + Long.toString(System.currentTimeMillis(), 36);
        var fixture = BenchSetup.prepare(gateway, admin, runId, 1 + SEQUENTIAL_BUYERS, stock);
        String plenty = BenchSetup.objectId();
        gateway.createProduct(
                admin, plenty, "BENCH-" + runId + "-P", "Bench product " + runId, fixture.price(), 1_000_000, true);

        GatewayClient.Session scarceBuyer = fixture.buyers().get(0);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < buyers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return gateway.createOrderSync(
                            scarceBuyer.token(),
                            GatewayClient.orderBody(
                                    scarceBuyer.customerId(), fixture.stockedProduct(), 1, "credit_card"));
                }));
            }
            start.countDown();
        }
        Map<Integer, Integer> scarce = new TreeMap<>();
        for (Future<HttpResponse<String>> answer : answers) {
            scarce.merge(answer.get().statusCode(), 1, Integer::sum);
        }

        Map<Integer, Integer> sequential = new TreeMap<>();
        Histogram histogram = LatencySummary.newHistogram();
        for (int i = 0; i < sequentialOrders; i++) {
            GatewayClient.Session buyer = fixture.buyers().get(1 + i % SEQUENTIAL_BUYERS);
            long began = System.nanoTime();
            int status = gateway.createOrderSync(
                            buyer.token(), GatewayClient.orderBody(buyer.customerId(), plenty, 1, "credit_card"))
                    .statusCode();
            histogram.recordValue(Math.max(1, (System.nanoTime() - began) / 1000));
            sequential.merge(status, 1, Integer::sum);
        }
        return new Result(buyers, stock, scarce, sequential, LatencySummary.of(histogram));
    }
}
