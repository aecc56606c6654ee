package dev.ordersaga.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * How many records each consumer group has taken delivery of, as the broker counts it: the sum of its committed
 * offsets. Between two moments the growth is the records delivered to (and processed by) the group, once per group
 * whatever its consumers did with them (a type passed over by its header counts too). The clients' own
 * records-consumed meters cannot say it: Micrometer drops a client's total once its per-topic series appear.
 */
public final class GroupProgress {

    private GroupProgress() {}

    /** Group id → the sum of its committed offsets; empty when the broker does not answer. */
    public static Map<String, Long> committed(String bootstrap) {
        Map<String, Long> committed = new LinkedHashMap<>();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            Map<String, ListConsumerGroupOffsetsSpec> groups = new LinkedHashMap<>();
            for (GroupListing group : admin.listGroups().all().get(10, TimeUnit.SECONDS)) {
                groups.put(group.groupId(), new ListConsumerGroupOffsetsSpec());
            }
            if (groups.isEmpty()) {
                return committed;
            }
            admin.listConsumerGroupOffsets(groups)
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .forEach((group, offsets) -> {
                        long sum = offsets.values().stream()
                                .filter(java.util.Objects::nonNull)
                                .mapToLong(OffsetAndMetadata::offset)
                                .sum();
                        committed.put(group, sum);
                    });
        } catch (ExecutionException | TimeoutException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
        return committed;
    }

    /** The service a group belongs to: a gateway reads replies in a group of its own, {@code gateway-<id>}. */
    public static String serviceOf(String group) {
        return group.startsWith("gateway-") ? "gateway" : group;
    }
}
