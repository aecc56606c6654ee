package dev.ordersaga.gateway.reply;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Part of the readiness group: the gateway takes no create_order traffic before its reply
 * partitions are assigned (a reply for an order it published could otherwise go unseen).
 */
public class ReplyConsumerHealthIndicator implements HealthIndicator {

    private final ReplyConsumer consumer;
    private final ReplyWaiters waiters;

    public ReplyConsumerHealthIndicator(ReplyConsumer consumer, ReplyWaiters waiters) {
        this.consumer = consumer;
        this.waiters = waiters;
    }

    @Override
    public Health health() {
        var health = consumer.isAssigned() ? Health.up() : Health.outOfService();
        return health.withDetail("group", consumer.groupId())
                .withDetail("waiting", waiters.waiting())
                .build();
    }
}
