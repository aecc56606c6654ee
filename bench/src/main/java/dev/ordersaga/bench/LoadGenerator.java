package dev.ordersaga.bench;

import dev.ordersaga.seed.GatewayClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Buyers placing orders through the gateway. Open loop ({@code rate} > 0): requests leave on a
 * fixed schedule whatever the answers do, and latency is measured from the scheduled time, so a
 * stalled system cannot hide its queueing (no coordinated omission). Closed loop: {@code
 * concurrency} buyers each wait for their answer before the next order.
 */
public class LoadGenerator {

    public record Settings(
            double rate, int concurrency, Duration duration, long maxRequests, Mix mix, long seed, int maxInFlight) {}

    /** One second of the run: answers completed in it and their latency percentiles. */
    public record Second(long second, long completed, double p50, double p99) {}

    public record Result(
            Settings settings,
            Duration elapsed,
            long sent,
            Map<Outcome, Long> outcomes,
            LatencySummary overall,
            Map<Outcome, LatencySummary> byOutcome,
            List<Second> timeline,
            Set<String> acceptedOrderIds,
            long acceptedResponses,
            long duplicateOrderIds,
            Set<String> uncertainOrderIds,
            long unanswered,
            List<String> sampleErrors,
            List<UnexpectedAnswers.Entry> unexpected) {

        /** What the client knows of the orders this run started, for {@link InvariantChecker}. */
        public RunOrders orders() {
            return new RunOrders(acceptedOrderIds, uncertainOrderIds, unanswered, duplicateOrderIds);
        }

        public double throughput() {
            return overall.count() / Math.max(elapsed.toMillis() / 1000.0, 0.001);
        }

        public long failures() {
            return outcomes.entrySet().stream()
                    .filter(e -> e.getKey().failure())
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }
    }

    private final List<GatewayClient> gateways;
    private final BenchSetup.Fixture fixture;
    private final PrintStream progress;

    private final AnswerLog log = new AnswerLog();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean stopped;

    public LoadGenerator(GatewayClient gateway, BenchSetup.Fixture fixture, PrintStream progress) {
        this(List.of(gateway), fixture, progress);
    }

    /**
     * Buyers spread over several gateways: buyer {@code b} always orders through gateway {@code b
     * mod n}, as a client behind a sticky load balancer would, so a dead gateway costs exactly its
     * own buyers' requests.
     */
    public LoadGenerator(List<GatewayClient> gateways, BenchSetup.Fixture fixture, PrintStream progress) {
        if (gateways.isEmpty()) {
            throw new IllegalArgumentException("at least one gateway");
        }
        this.gateways = List.copyOf(gateways);
        this.fixture = fixture;
        this.progress = progress;
    }

    /**
     * Also counts every answer by outcome in the second its request was sent, for the chaos run's
     * timeline.
     */
    public LoadGenerator recordingInto(AnswerTimeline timeline) {
        log.recordingInto(timeline);
        return this;
    }

    /** Ends a run before its duration: no request leaves after this (answers are still awaited). */
    public void stop() {
        stopped = true;
    }

    public Result run(Settings settings) throws InterruptedException {
        long start = System.nanoTime();
        log.startedAt(start);
        var ticker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().factory());
        ticker.scheduleAtFixedRate(() -> log.tick(start, sent.get(), progress), 1, 1, TimeUnit.SECONDS);
        try {
            if (settings.rate() > 0) {
                openLoop(settings, start);
            } else {
                closedLoop(settings, start);
            }
        } finally {
            ticker.shutdownNow();
            log.tick(start, sent.get(), progress);
        }
        return log.result(settings, Duration.ofNanos(System.nanoTime() - start), sent.get());
    }

    private void openLoop(Settings settings, long start) throws InterruptedException {
        Random random = new Random(settings.seed());
        long intervalNanos = (long) (1_000_000_000L / settings.rate());
        long end = start + settings.duration().toNanos();
        Semaphore inFlight = new Semaphore(settings.maxInFlight());
        for (long i = 0; i < settings.maxRequests(); i++) {
            long due = start + i * intervalNanos;
            if (due >= end || stopped) {
                break;
            }
            long wait;
            while ((wait = due - System.nanoTime()) > 0 && !stopped) {
                LockSupport.parkNanos(Math.min(wait, 100_000_000L));
            }
            if (stopped) {
                break;
            }
            int buyer = (int) (i % fixture.buyers().size());
            String token = fixture.buyers().get(buyer).token();
            GatewayClient gateway = gatewayOf(buyer);
            Mix.Kind kind = settings.mix().pick(random);
            String body = body(kind, (int) i);
            sent.incrementAndGet();
            if (!inFlight.tryAcquire()) {
                log.unsent(kind, due, "client: more than " + settings.maxInFlight() + " requests in flight");
                continue;
            }
            gateway.createOrder(token, body).whenComplete((response, error) -> {
                // recorded before the permit is given back: the run ends once it holds every permit, and an
                // answer released first could be left out of its result (its order then named by no answer)
                try {
                    log.record(response, error, due, kind, nameOf(gateway));
                } finally {
                    inFlight.release();
                }
            });
        }
        if (!inFlight.tryAcquire(settings.maxInFlight(), 90, TimeUnit.SECONDS)) {
            log.error("client: answers still outstanding 90 s after the last request");
        }
    }

    private void closedLoop(Settings settings, long start) throws InterruptedException {
        long end = start + settings.duration().toNanos();
        CountDownLatch done = new CountDownLatch(settings.concurrency());
        AtomicLong budget = new AtomicLong(settings.maxRequests());
        for (int buyer = 0; buyer < settings.concurrency(); buyer++) {
            int index = buyer;
            Thread.ofVirtual().start(() -> {
                Random random = new Random(settings.seed() + index);
                int buyerIndex = index % fixture.buyers().size();
                String token = fixture.buyers().get(buyerIndex).token();
                GatewayClient gateway = gatewayOf(buyerIndex);
                try {
                    int n = 0;
                    while (System.nanoTime() < end && !stopped && budget.getAndDecrement() > 0) {
                        long begin = System.nanoTime();
                        sent.incrementAndGet();
                        Mix.Kind kind = settings.mix().pick(random);
                        try {
                            log.record(
                                    gateway.createOrderSync(token, body(kind, index * 1_000_000 + n++)),
                                    null,
                                    begin,
                                    kind,
                                    nameOf(gateway));
                        } catch (RuntimeException e) {
                            log.record(null, e, begin, kind, nameOf(gateway));
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
    }

    /** A gateway's name in the results: its host and port. */
    static String nameOf(GatewayClient gateway) {
        java.net.URI uri = java.net.URI.create(gateway.baseUrl());
        return uri.getHost() + ":" + uri.getPort();
    }

    private GatewayClient gatewayOf(int buyer) {
        return gateways.get(buyer % gateways.size());
    }

    private String body(Mix.Kind kind, int sequence) {
        var buyer = fixture.buyers().get(sequence % fixture.buyers().size());
        return GatewayClient.orderBody(
                buyer.customerId(),
                kind == Mix.Kind.OUT_OF_STOCK ? fixture.emptyProduct() : fixture.stockedProduct(),
                kind == Mix.Kind.BAD_REQUEST ? 0 : 1,
                kind == Mix.Kind.DECLINED ? "test_declined_card" : "credit_card");
    }
}
