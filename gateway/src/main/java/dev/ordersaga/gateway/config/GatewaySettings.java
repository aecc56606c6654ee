package dev.ordersaga.gateway.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the gateway waits for the saga, and how it watches the reply topic.
 *
 * @param hopTimeout the longest the gateway waits for the next step of an order; every
 *     {@code OrderStatusChanged} for the order restarts it ({@code SAGA_HOP_TIMEOUT})
 * @param gateway the reply consumer's settings
 */
@ConfigurationProperties("saga")
public record GatewaySettings(
        @DefaultValue("5s") Duration hopTimeout,
        @DefaultValue Replies gateway) {

    public GatewaySettings {
        if (hopTimeout.isNegative() || hopTimeout.isZero()) {
            throw new IllegalArgumentException("saga.hop-timeout must be positive, got " + hopTimeout);
        }
    }

    /**
     * @param assignmentWait how long start-up waits for the reply partitions to be assigned before
     *     it goes on (create_order answers 503 and readiness stays DOWN until they are)
     * @param timeoutCheckInterval how often overdue waiters are answered 504; a 504 comes at most
     *     this much after the hop timeout
     */
    public record Replies(
            @DefaultValue("30s") Duration assignmentWait,
            @DefaultValue("50ms") Duration timeoutCheckInterval) {}
}
