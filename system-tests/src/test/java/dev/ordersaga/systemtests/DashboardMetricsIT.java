package dev.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.composecheck.Dashboards;
import dev.ordersaga.composecheck.PromQl;
import dev.ordersaga.events.Topics;
import dev.ordersaga.localstack.Component;
import dev.ordersaga.localstack.Stack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Grafana dashboards of docker-compose.yml (compose/grafana/dashboards) query meters the
 * services really export: after a confirmed order, a declined payment, a rejected stock
 * reservation and one unreadable record (so that a dead-letter counter exists), every metric name
 * a dashboard query reads is on the {@code /actuator/prometheus} page of at least one service, and
 * every label a query groups, joins or filters by (but {@code job} and {@code instance}, which
 * Prometheus adds) is on a series of one of its metrics.
 * Last of the suite: its unreadable record stays in {@code customer-events.DLT}.
 */
@Order(6)
@ExtendWith(E2eStack.class)
class DashboardMetricsIT {

    @Test
    void every_metric_the_dashboards_query_is_exported_by_a_service() throws Exception {
        E2eStack.Running running = E2eStack.get();
        restoreAll(running.stack());
        Orders orders = new Orders(running);
        String product = orders.newProduct(2, "19.99");

        assertThat(order(running, product, 1, "credit_card").status())
                .as("confirmed")
                .isEqualTo(201);
        Http.Answer declined = order(running, product, 1, "test_declined_card");
        assertThat(declined.status()).as("payment declined: %s", declined).isEqualTo(402);
        Http.Answer noStock = order(running, product, 5, "credit_card");
        assertThat(noStock.status()).as("insufficient stock: %s", noStock).isEqualTo(409);
        sendUnreadableRecord(running, Topics.CUSTOMER_EVENTS);

        List<Dashboards.Dashboard> dashboards =
                Dashboards.load(running.stack().config().root());
        Set<String> queried = new TreeSet<>();
        dashboards.forEach(d -> queried.addAll(d.metricNames()));
        assertThat(queried).as("metric names the dashboards query").hasSizeGreaterThan(20);
        Awaitility.await("every metric of the dashboards exported by a service, with the labels they use")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    Map<String, Map<String, Set<String>>> exported = scrapeEveryService(running);
                    Map<String, Set<String>> labelsByMetric = new LinkedHashMap<>();
                    exported.values()
                            .forEach(page -> page.forEach((metric, labels) -> labelsByMetric
                                    .computeIfAbsent(metric, k -> new TreeSet<>())
                                    .addAll(labels)));
                    Set<String> missing = new TreeSet<>(queried);
                    missing.removeAll(labelsByMetric.keySet());
                    List<String> missingLabels = missingLabels(dashboards, labelsByMetric);
                    assertThat(missing.isEmpty() && missingLabels.isEmpty())
                            .withFailMessage(
                                    "the dashboards query %s, which no service exports (scraped: %s);"
                                            + " and use labels no series of their metrics has:%n  %s",
                                    missing, exported.keySet(), String.join("\n  ", missingLabels))
                            .isTrue();
                });
    }

    /** "query: label L on none of [metrics]" for each label a query uses that none of its metrics has. */
    private static List<String> missingLabels(
            List<Dashboards.Dashboard> dashboards, Map<String, Set<String>> labelsByMetric) {
        List<String> missing = new ArrayList<>();
        for (Dashboards.Dashboard dashboard : dashboards) {
            for (Dashboards.Query query : dashboard.queries()) {
                if (query.metricNames().stream().noneMatch(labelsByMetric::containsKey)) {
                    continue; // reported as a missing metric already
                }
                for (String label : query.serviceLabelNames()) {
                    boolean carried = query.metricNames().stream()
                            .anyMatch(m ->
                                    labelsByMetric.getOrDefault(m, Set.of()).contains(label));
                    if (!carried) {
                        missing.add(query.where() + ": " + label + " on none of " + query.metricNames());
                    }
                }
            }
        }
        return missing;
    }

    private static Http.Answer order(E2eStack.Running running, String product, int quantity, String paymentMethod) {
        ObjectNode body = Http.JSON.createObjectNode().put("customer_id", Orders.KLEA_CUSTOMER);
        body.putArray("products").addObject().put("product_id", product).put("quantity", quantity);
        body.put("payment_method", paymentMethod)
                .put("shipping_address", "123 Main St, City, State 12345")
                .put("billing_address", "123 Main St, City, State 12345");
        return Http.post(
                running.gateway() + "/api/create_order",
                running.customerToken(),
                body.toString(),
                Map.of("Idempotency-Key", "dashboards-" + UUID.randomUUID()));
    }

    /** Not JSON: its consumers dead-letter it at once (and count it in saga_runtime_dead_lettered_total). */
    private static void sendUnreadableRecord(E2eStack.Running running, String topic) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        running.stack().config().kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            var record = new ProducerRecord<>(topic, "dashboards-" + UUID.randomUUID(), "this is not an event");
            producer.send(record).get();
        }
    }

    /** service → metric → the label names of its series, from its /actuator/prometheus page. */
    private static Map<String, Map<String, Set<String>>> scrapeEveryService(E2eStack.Running running) {
        Map<String, Map<String, Set<String>>> exported = new LinkedHashMap<>();
        for (Component service : Component.services()) {
            Http.Answer page = Http.send(
                    "GET",
                    "http://127.0.0.1:" + running.stack().config().port(service) + "/actuator/prometheus",
                    List.of(),
                    null);
            assertThat(page.status())
                    .as("%s /actuator/prometheus", service.id())
                    .isEqualTo(200);
            exported.put(service.id(), PromQl.exposedLabels(page.body()));
        }
        return exported;
    }

    private static void restoreAll(Stack stack) {
        if (Arrays.stream(Component.values()).anyMatch(c -> stack.process(c).isEmpty())) {
            stack.up();
        }
    }
}
