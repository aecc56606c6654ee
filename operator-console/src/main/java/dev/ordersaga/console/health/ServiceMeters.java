package dev.ordersaga.console.health;

import dev.ordersaga.console.config.ConsoleSettings;
import dev.ordersaga.console.health.PrometheusText.Sample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Reads every service's own meters and health now and then, and keeps the last two readings: rates
 * and latency quantiles are the difference between them (what Prometheus's {@code rate} and {@code
 * histogram_quantile} would show over the same window), health is the last answer.
 */
@Service
public class ServiceMeters {

    /** One reading of one service: its health status and its samples (empty when unreachable). */
    record Reading(Instant at, String health, List<Sample> samples) {}

    /** What the health page shows. */
    public record Snapshot(
            Instant at,
            Duration window,
            Map<String, Double> ordersPerSecond,
            Double createOrderP50,
            Double createOrderP99,
            String latencySource,
            Map<String, String> health) {

        public boolean degraded(String service) {
            return !"UP".equals(health.get(service));
        }
    }

    private final ConsoleSettings settings;
    private final RestClient http;
    private final Clock clock;
    private volatile Map<String, Reading> previous = Map.of();
    private volatile Map<String, Reading> latest = Map.of();

    public ServiceMeters(RestClient.Builder http, ConsoleSettings settings, Clock clock) {
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(Duration.ofSeconds(1));
        timeouts.setReadTimeout(Duration.ofSeconds(3));
        this.http = http.clone().requestFactory(timeouts).build();
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 2_000, fixedDelayString = "${console.sample-every:10s}")
    public void sample() {
        Map<String, Reading> now = new LinkedHashMap<>();
        settings.services().forEach((name, url) -> now.put(name, read(url)));
        previous = latest;
        latest = now;
    }

    public Snapshot snapshot() {
        Map<String, Reading> before = previous;
        Map<String, Reading> after = latest;
        Map<String, String> health = new TreeMap<>();
        settings.services()
                .keySet()
                .forEach(name -> health.put(
                        name, after.containsKey(name) ? after.get(name).health() : "UNKNOWN"));
        Instant at = after.values().stream().map(Reading::at).findFirst().orElse(clock.instant());
        Instant since = before.values().stream().map(Reading::at).findFirst().orElse(null);
        Duration window = since == null ? Duration.ZERO : Duration.between(since, at);
        Map<String, Double> perSecond = new TreeMap<>();
        Double p50 = null;
        Double p99 = null;
        String source = null;
        if (!window.isZero()) {
            double seconds = window.toMillis() / 1000.0;
            Map<String, Double> decided = deltaBy(before, after, "orders_decided_total", s -> true, "status");
            decided.forEach((status, n) -> perSecond.put(status, n / seconds));
            Map<Double, Double> buckets = buckets(
                    before,
                    after,
                    "http_server_requests_seconds_bucket",
                    s -> "/api/create_order".equals(s.labels().get("uri")));
            source = "gateway: POST /api/create_order";
            if (buckets.values().stream().allMatch(v -> v == 0)) {
                buckets = buckets(before, after, "orders_saga_duration_seconds_bucket", s -> true);
                source = "order-service: request to decision";
            }
            double q50 = Histograms.quantile(0.5, buckets);
            double q99 = Histograms.quantile(0.99, buckets);
            p50 = Double.isNaN(q50) ? null : q50 * 1000;
            p99 = Double.isNaN(q99) ? null : q99 * 1000;
        }
        return new Snapshot(at, window, perSecond, p50, p99, source, health);
    }

    private Reading read(String url) {
        Instant at = clock.instant();
        String health;
        try {
            Map<?, ?> answer = http.get()
                    .uri(url + "/actuator/health")
                    .retrieve()
                    .onStatus(s -> true, (q, r) -> {})
                    .body(Map.class);
            health = answer == null || answer.get("status") == null ? "UNKNOWN" : String.valueOf(answer.get("status"));
        } catch (RestClientException e) {
            return new Reading(at, "UNREACHABLE", List.of());
        }
        List<Sample> samples;
        try {
            String page =
                    http.get().uri(url + "/actuator/prometheus").retrieve().body(String.class);
            samples = page == null ? List.of() : PrometheusText.parse(page);
        } catch (RestClientException e) {
            samples = List.of();
        }
        return new Reading(at, health, samples);
    }

    /** The increase of a counter between two readings, summed per value of {@code label}. */
    private static Map<String, Double> deltaBy(
            Map<String, Reading> before,
            Map<String, Reading> after,
            String name,
            Predicate<Sample> which,
            String label) {
        Map<String, Double> sums = new HashMap<>();
        add(sums, after, name, which, label, 1);
        add(sums, before, name, which, label, -1);
        sums.replaceAll((k, v) -> Math.max(0, v)); // a restarted service starts its counters at 0 again
        return sums;
    }

    private static void add(
            Map<String, Double> sums,
            Map<String, Reading> readings,
            String name,
            Predicate<Sample> which,
            String label,
            int sign) {
        for (Reading reading : readings.values()) {
            for (Sample s : reading.samples()) {
                if (s.name().equals(name) && which.test(s)) {
                    sums.merge(s.labels().getOrDefault(label, "?"), sign * s.value(), Double::sum);
                }
            }
        }
    }

    private static Map<Double, Double> buckets(
            Map<String, Reading> before, Map<String, Reading> after, String name, Predicate<Sample> which) {
        Map<String, Double> byLe = deltaBy(before, after, name, which, "le");
        Map<Double, Double> buckets = new HashMap<>();
        byLe.forEach((le, n) -> buckets.put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), n));
        return buckets;
    }
}
