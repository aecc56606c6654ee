package dev.ordersaga.console.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.console.health.PrometheusText.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void samples_are_read_with_their_labels_and_comments_and_garbage_are_skipped() {
        String page = """
                # HELP orders_decided_total Orders decided
                # TYPE orders_decided_total counter
                orders_decided_total{reason="null",status="CONFIRMED"} 12.0
                orders_decided_total{reason="PAYMENT_DECLINED",status="REJECTED"} 3.0 1733472000000
                http_server_requests_seconds_bucket{le="+Inf",uri="/api/create_order",note="a \\"quoted\\" word"} 15
                process_uptime_seconds 42.5
                not a sample line
                """;

        List<Sample> samples = PrometheusText.parse(page);

        assertThat(samples).hasSize(4);
        assertThat(samples.get(0))
                .isEqualTo(new Sample("orders_decided_total", Map.of("reason", "null", "status", "CONFIRMED"), 12.0));
        assertThat(samples.get(1).value()).isEqualTo(3.0);
        assertThat(samples.get(2).labels()).containsEntry("le", "+Inf").containsEntry("note", "a \"quoted\" word");
        assertThat(samples.get(3)).isEqualTo(new Sample("process_uptime_seconds", Map.of(), 42.5));
    }
}
