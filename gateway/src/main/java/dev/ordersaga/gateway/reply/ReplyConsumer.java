package dev.ordersaga.gateway.reply;

import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.Event;
import dev.ordersaga.events.EventHeaders;
import dev.ordersaga.events.OrderStatusChanged;
import dev.ordersaga.events.Topics;
import dev.ordersaga.saga.EventDeserializer;
import dev.ordersaga.saga.EventFilter;
import dev.ordersaga.support.tracing.SagaTracing;
import io.micrometer.observation.Observation;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Reads what one gateway instance follows its orders by ({@link Topics#GATEWAY_WATCHES}): the
 * replies on {@code order-replies}, and the customer's validation on {@code customer-events}, each
 * with a consumer group of its own: the instance's id, and that id with {@value #PROGRESS_GROUP_SUFFIX}
 * for the validations, which only restart hop clocks and so are fetched a batch at a time ({@link
 * #PROGRESS_FETCH_WAIT}) while a reply is handed over at once. The gateway puts its id on every {@code
 * OrderRequested} it publishes ({@link EventHeaders#REPLY_TO}); every step of the saga carries it on,
 * up to order-service's replies. So a record names the instance waiting for it, and this consumer
 * passes over the records meant for another instance by that header, without parsing them ({@link
 * EventFilter}); a reply without the header (a decision of order-service's sweep, no event caused
 * it) is for every instance, and {@link ReplyWaiters} ignores those for orders it does not hold.
 * The customer's events are never parsed: a {@code CustomerValidated} for this instance is progress
 * of the order its key names, known from its headers ({@link ReplyWaiters#onProgress}), and
 * order-service sends no reply for it. A new group starts at the LATEST offset: a gateway waits
 * only for orders it publishes after it is ready, so older records are of no use to it.
 *
 * <p>Start-up waits until all partitions of both topics are assigned AND their positions are
 * resolved, so a record published after {@link #isAssigned()} turned true is never skipped. Later
 * rebalances resume from the committed offsets, so none is lost across them either.
 *
 * <p>A batch listener: Spring Kafka observes each record of a record listener, the replies passed
 * over too; here only the replies read are observed (a span of the order's trace and the {@code
 * spring.kafka.listener} timer, as Spring Kafka would).
 *
 * <p>The production instance is a bean; a test starts a second one (its own group) to show that
 * two instances each get all and only their replies.
 */
public class ReplyConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReplyConsumer.class);

    /** Start before the web server (which starts at DEFAULT_PHASE - 1024) and stop after it. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

    /** The reply consumer's session: long, see {@link #start()}. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(30);

    /** The event type whose records on {@code customer-events} are progress: wire name, as in the header. */
    static final String VALIDATED = CustomerValidated.class.getSimpleName();

    /** The group of an instance's progress consumer is its reply group with this suffix. */
    static final String PROGRESS_GROUP_SUFFIX = "-progress";

    /** The customer's validations are fetched when this much is there, or {@link #PROGRESS_FETCH_WAIT} passed. */
    static final int PROGRESS_FETCH_BYTES = 64 * 1024;

    static final Duration PROGRESS_FETCH_WAIT = Duration.ofMillis(250);

    /** The listener id of the replies' observations ({@code spring_kafka_listener_id}). */
    static final String LISTENER_ID = "gateway-replies";

    private final ConcurrentKafkaListenerContainerFactory<?, ?> factory;
    private final ReplyWaiters waiters;
    private final SagaTracing tracing;
    private final String groupId;
    private final Duration assignmentWait;
    /** Counted down once per watched topic, when all its partitions are assigned and positioned. */
    private final CountDownLatch assignment = new CountDownLatch(Topics.GATEWAY_WATCHES.size());

    private final Set<String> assignedTopics = ConcurrentHashMap.newKeySet();
    private volatile List<ConcurrentMessageListenerContainer<?, ?>> containers = List.of();

    public ReplyConsumer(
            ConcurrentKafkaListenerContainerFactory<?, ?> factory,
            ReplyWaiters waiters,
            SagaTracing tracing,
            String groupId,
            Duration assignmentWait) {
        this.factory = factory;
        this.waiters = waiters;
        this.tracing = tracing;
        this.groupId = groupId;
        this.assignmentWait = assignmentWait;
    }

    /** This instance's reply group id, which is also its id in {@link EventHeaders#REPLY_TO}. */
    public String groupId() {
        return groupId;
    }

    /** True once every partition of the topics it reads is assigned and positioned. */
    public boolean isAssigned() {
        return assignedTopics.containsAll(Topics.GATEWAY_WATCHES) && isRunning();
    }

    /** Waits up to {@code timeout} for the assignment. @return whether it is assigned */
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        return assignment.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && isAssigned();
    }

    @Override
    public synchronized void start() {
        if (!containers.isEmpty()) {
            return;
        }
        // Latency: hand over a reply as soon as one byte is there (the broker default, stated).
        var replies = watch(
                factory.createContainer(Topics.ORDER_REPLIES),
                groupId,
                Map.of(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1"));
        // The customer's validations only restart hop clocks: a fetch may wait to gather many (up to
        // PROGRESS_FETCH_WAIT; the clock restarts that much later, giving the order more time, never
        // less), so they cost a few fetches a second whatever the load instead of one per record
        // between the replies' fetches. Their own group: a rebalance of one never stops the other.
        var progress = watch(
                factory.createContainer(Topics.CUSTOMER_EVENTS),
                groupId + PROGRESS_GROUP_SUFFIX,
                Map.of(
                        ConsumerConfig.FETCH_MIN_BYTES_CONFIG, String.valueOf(PROGRESS_FETCH_BYTES),
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(PROGRESS_FETCH_WAIT.toMillis())));
        containers = List.of(replies, progress);
        containers.forEach(ConcurrentMessageListenerContainer::start);
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

    /** A container of one watched topic, in a group of its own (this instance its only member). */
    private <K, V> ConcurrentMessageListenerContainer<K, V> watch(
            ConcurrentMessageListenerContainer<K, V> created, String group, Map<String, String> fetch) {
        var properties = created.getContainerProperties();
        properties.setGroupId(group);
        properties.setClientId(group);
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        overrides.putAll(fetch);
        // Another instance's records are passed over by their reply_to header, unread; and only
        // replies are read at all: the customer's events say what the gateway needs in their headers.
        overrides.put(EventFilter.REPLY_TO, groupId);
        overrides.put(EventFilter.TYPES, OrderStatusChanged.class.getSimpleName());
        // This instance is its group's only member: no one takes its partitions over when it dies,
        // so a short session (the participants' failover) buys nothing here, while a late heartbeat
        // on a starved machine would evict it and leave every waiting request to its hop timeout.
        overrides.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, String.valueOf(SESSION_TIMEOUT.toMillis()));
        overrides.put(
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                String.valueOf(SESSION_TIMEOUT.dividedBy(10).toMillis()));
        properties.setKafkaConsumerProperties(overrides);
        // Commits only matter for a rebalance inside this process; they must not delay replies.
        properties.setSyncCommits(false);
        properties.setConsumerRebalanceListener(
                new AssignmentListener(properties.getTopics()[0]));
        properties.setMessageListener((BatchMessageListener<String, Event>) this::onBatch);
        // One consumer takes all partitions: handling a record is a map lookup, never the bottleneck.
        created.setConcurrency(1);
        created.setCommonErrorHandler(new DefaultErrorHandler(ReplyConsumer::skipUnreadable, new FixedBackOff(0, 0)));
        created.setBeanName("replyConsumer-" + group);
        created.setAutoStartup(false);
        return created;
    }

    @Override
    public synchronized void stop() {
        assignedTopics.clear();
        containers.forEach(ConcurrentMessageListenerContainer::stop);
        containers = List.of();
    }

    @Override
    public boolean isRunning() {
        var current = containers;
        return !current.isEmpty() && current.stream().allMatch(ConcurrentMessageListenerContainer::isRunning);
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void onBatch(List<ConsumerRecord<String, Event>> records) {
        for (ConsumerRecord<String, Event> record : records) {
            if (record.value() == null && EventDeserializer.failureOf(record) != null) {
                skipUnreadable(record, EventDeserializer.failureOf(record));
            } else if (isOwnValidation(record)) {
                waiters.onProgress(record.key(), VALIDATED);
            } else if (record.value() instanceof OrderStatusChanged reply) {
                Observation observation = tracing.received(record, LISTENER_ID);
                try {
                    tracing.inScope(observation, reply.orderId(), () -> {
                        waiters.onReply(reply);
                        return null;
                    });
                } finally {
                    observation.stop();
                }
            }
        }
    }

    /** A customer's validation of an order this instance published, by its headers alone (never parsed). */
    private boolean isOwnValidation(ConsumerRecord<String, Event> record) {
        return record.topic().equals(Topics.CUSTOMER_EVENTS)
                && record.key() != null
                && VALIDATED.equals(EventFilter.header(record.headers(), EventHeaders.TYPE))
                && groupId.equals(EventFilter.header(record.headers(), EventHeaders.REPLY_TO));
    }

    /**
     * A reply that cannot be read (malformed, or a schema version this gateway does not read) is
     * useless to every gateway instance: log why and move on, rather than have each instance's group
     * dead-letter the same record again.
     */
    private static void skipUnreadable(ConsumerRecord<?, ?> record, Exception e) {
        log.warn(
                "skipping unreadable reply {}-{}@{}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                EventDeserializer.reasonOf(e).getMessage());
    }

    private final class AssignmentListener implements ConsumerAwareRebalanceListener {

        private final String topic;

        AssignmentListener(String topic) {
            this.topic = topic;
        }

        @Override
        public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
            // position() resolves the fetch offset now (committed, else latest) instead of lazily on
            // the next fetch: a record produced after this point is always at or after it.
            for (TopicPartition partition : partitions) {
                consumer.position(partition);
            }
            int total = consumer.partitionsFor(topic).size();
            int mine = consumer.assignment().size();
            log.info("reply consumer {} has {} of {} partitions of {}", groupId, mine, total, topic);
            if (mine >= total && total > 0 && assignedTopics.add(topic)) {
                assignment.countDown();
            }
        }
    }
}
