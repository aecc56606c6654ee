package dev.ordersaga.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

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
        try (Admin admin = admin(bootstrap)) {
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
                                .filter(Objects::nonNull)
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

    /**
     * The records a topic holds, as the broker counts them: the sum of its partitions' end offsets; -1 when the broker
     * does not answer or has no such topic. Between two moments the growth is the records produced to it (the
     * gateway's {@code OrderRequested}: the gateway shows no metrics on its public port).
     */
    public static long produced(String bootstrap, String topic) {
        try (Admin admin = admin(bootstrap)) {
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(ListOffsetsResultInfo::offset)
                    .sum();
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The records the groups with members still have to take delivery of (end offsets minus committed offsets of the
     * partitions each group committed on); -1 when the broker does not answer. An empty group (a gateway gone, the
     * dead-letter ledgers) is left out: nobody will read its rest.
     */
    public static long lagOfActiveGroups(String bootstrap) {
        try (Admin admin = admin(bootstrap)) {
            List<String> ids = new ArrayList<>();
            for (GroupListing group : admin.listGroups().all().get(10, TimeUnit.SECONDS)) {
                ids.add(group.groupId());
            }
            long lag = 0;
            for (var group : admin.describeConsumerGroups(ids)
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .values()) {
                if (group.members().isEmpty()) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
                group.members()
                        .forEach(member ->
                                member.assignment().topicPartitions().forEach(p -> latest.put(p, OffsetSpec.latest())));
                var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
                for (var partition : latest.keySet()) {
                    OffsetAndMetadata committed = offsets.get(partition);
                    lag += ends.get(partition).offset() - (committed == null ? 0 : committed.offset());
                }
            }
            return lag;
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A client of the broker that gives up within seconds: the bench asks between runs, never waits long. */
    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    /** The service a group belongs to: a gateway reads replies in a group of its own, {@code gateway-<id>}. */
    public static String serviceOf(String group) {
        return group.startsWith("gateway-") ? "gateway" : group;
    }
}
