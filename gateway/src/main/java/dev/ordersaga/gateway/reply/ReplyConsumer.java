package dev.ordersaga.gateway.reply;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.OrderStatusChanged;
import dev.ordersaga.events.Topics;
import dev.ordersaga.saga.EventDeserializer;
import java.time.Duration;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Reads {@code order-replies} for one gateway instance: its own consumer group, so every instance
 * sees every reply and answers only the requests it holds ({@link ReplyWaiters} ignores the rest).
 * A new group starts at the LATEST offset: a gateway waits only for orders it publishes after it
 * is ready, so older replies are of no use to it.
 *
 * <p>Start-up waits until all partitions of the topic are assigned AND their positions are
 * resolved, so a reply published after {@link #isAssigned()} turned true is never skipped. Later
 * rebalances resume from the committed offsets, so no reply is lost across them either.
 *
 * <p>The production instance is a bean; a test starts a second one (its own group) to show that
 * two instances each get all and only their replies.
 */
public class ReplyConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReplyConsumer.class);

    /** Start before the web server (which starts at DEFAULT_PHASE - 1024) and stop after it. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

    private final ConcurrentKafkaListenerContainerFactory<?, ?> factory;
    private final ReplyWaiters waiters;
    private final String groupId;
    private final Duration assignmentWait;
    private final CountDownLatch assignment = new CountDownLatch(1);

    private volatile boolean assigned;
    private volatile ConcurrentMessageListenerContainer<?, ?> container;

    public ReplyConsumer(
            ConcurrentKafkaListenerContainerFactory<?, ?> factory,
            ReplyWaiters waiters,
            String groupId,
            Duration assignmentWait) {
        this.factory = factory;
        this.waiters = waiters;
        this.groupId = groupId;
        this.assignmentWait = assignmentWait;
    }

    public String groupId() {
        return groupId;
    }

    /** True once every partition of the reply topic is assigned and positioned. */
    public boolean isAssigned() {
        return assigned && isRunning();
    }

    /** Waits up to {@code timeout} for the assignment. @return whether it is assigned */
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        return assignment.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && isAssigned();
    }

    @Override
    public synchronized void start() {
        if (container != null) {
            return;
        }
        var created = factory.createContainer(Topics.ORDER_REPLIES);
        var properties = created.getContainerProperties();
        properties.setGroupId(groupId);
        properties.setClientId(groupId);
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // Latency: hand over a reply as soon as one byte is there (the broker default, stated).
        overrides.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
        properties.setKafkaConsumerProperties(overrides);
        // Commits only matter for a rebalance inside this process; they must not delay replies.
        properties.setSyncCommits(false);
        properties.setConsumerRebalanceListener(new AssignmentListener());
        properties.setMessageListener((MessageListener<String, Event>) this::onRecord);
        // One consumer takes all partitions: handling a reply is a map lookup, never the bottleneck.
        created.setConcurrency(1);
        // A reply that cannot be read (malformed, or a schema version this gateway does not read) is
        // useless to every gateway instance: log why and move on, rather than have each instance's
        // group dead-letter the same record again.
        created.setCommonErrorHandler(new DefaultErrorHandler(
                (record, e) -> log.warn(
                        "skipping unreadable reply {}-{}@{}: {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        EventDeserializer.reasonOf(e).getMessage()),
                new FixedBackOff(0, 0)));
        created.setBeanName("replyConsumer-" + groupId);
        created.setAutoStartup(false);
        container = created;
        created.start();
        log.info("reply consumer {} started, waiting up to {} for its partitions", groupId, assignmentWait);
        try {
            if (!awaitAssignment(assignmentWait)) {
                log.warn(
                        "reply partitions not assigned within {}; create_order answers 503 until they are",
                        assignmentWait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void stop() {
        assigned = false;
        if (container != null) {
            container.stop();
            container = null;
        }
    }

    @Override
    public boolean isRunning() {
        var current = container;
        return current != null && current.isRunning();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void onRecord(ConsumerRecord<String, Event> record) {
        if (record.value() instanceof OrderStatusChanged reply) {
            waiters.onReply(reply);
        }
    }

    private final class AssignmentListener implements ConsumerAwareRebalanceListener {

        @Override
        public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            // position() resolves the fetch offset now (committed, else latest) instead of lazily on
            // the next fetch: a reply produced after this point is always at or after it.
            for (TopicPartition partition : partitions) {
                consumer.position(partition);
            }
            int total = consumer.partitionsFor(Topics.ORDER_REPLIES).size();
            int mine = consumer.assignment().size();
            log.info("reply consumer {} has {} of {} partitions of {}", groupId, mine, total, Topics.ORDER_REPLIES);
            if (mine >= total && total > 0) {
                assigned = true;
                assignment.countDown();
            }
        }
    }
}
