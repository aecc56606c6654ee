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
 * @param admission how many orders the gateway takes in, per user and in all
 */
@ConfigurationProperties("saga")
public record GatewaySettings(
        @DefaultValue("5s") Duration hopTimeout,
        @DefaultValue Replies gateway,
        @DefaultValue Admission admission) {

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

    /**
     * Admission control of create_order, checked after the token and before the body is looked at
     * further.
     *
     * @param perUserRate orders per second one user may place, sustained
     *     ({@code GATEWAY_ORDERS_PER_USER_PER_SECOND}); room for an API client, not for one user
     *     driving the whole shop past its knee (about 50 orders/s on 2 cores, see the README)
     * @param perUserBurst orders one rested user may place at once ({@code GATEWAY_ORDERS_PER_USER_BURST})
     * @param maxWaiting orders waiting for their outcome at this instance beyond which new ones are
     *     shed with 503 ({@code GATEWAY_MAX_WAITING_ORDERS}). The default is about the hop timeout
     *     times the measured knee (5 s x 50/s): a deeper queue would only turn into 504s
     * @param publishStall how long an order handed to the broker may wait for its acknowledgement
     *     before the broker is taken to be down or frozen and new orders are refused with 503 until it
     *     acknowledges again ({@code GATEWAY_PUBLISH_STALL}); acknowledgements take milliseconds
     */
    public record Admission(
            @DefaultValue("20") int perUserRate,
            @DefaultValue("60") int perUserBurst,
            @DefaultValue("250") int maxWaiting,
            @DefaultValue("2s") Duration publishStall) {

        public Admission {
            if (perUserRate < 1 || perUserBurst < 1 || maxWaiting < 1) {
                throw new IllegalArgumentException("saga.admission.* must be positive");
            }
            if (publishStall.isNegative() || publishStall.isZero()) {
                throw new IllegalArgumentException(
                        "saga.admission.publish-stall must be positive, got " + publishStall);
            }
        }
    }
}
