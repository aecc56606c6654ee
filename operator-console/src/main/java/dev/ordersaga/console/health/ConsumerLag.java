package dev.ordersaga.console.health;

import dev.ordersaga.console.config.ConsoleSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Service;

/**
 * How far each participant's consumer group is behind its topics, from the broker itself: the end
 * offset of every partition the group committed on, minus its committed offset.
 */
@Service
public class ConsumerLag implements DisposableBean {

    private static final long TIMEOUT_SECONDS = 5;

    private final Admin admin;
    private final ConsoleSettings settings;

    public ConsumerLag(KafkaProperties kafka, ConsoleSettings settings) {
        this.admin = Admin.create(kafka.buildAdminProperties());
        this.settings = settings;
    }

    /** Group → records not yet consumed (null when the broker did not answer). */
    public Map<String, Long> now() {
        Map<String, Long> lag = new LinkedHashMap<>();
        for (String group : settings.consumerGroups()) {
            lag.put(group, lagOf(group));
        }
        return lag;
    }

    private Long lagOf(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
            if (latest.isEmpty()) {
                return 0L;
            }
            Map<TopicPartition, ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            long total = 0;
            for (var e : committed.entrySet()) {
                if (e.getValue() != null && ends.containsKey(e.getKey())) {
                    total += Math.max(
                            0, ends.get(e.getKey()).offset() - e.getValue().offset());
                }
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(2));
    }
}
