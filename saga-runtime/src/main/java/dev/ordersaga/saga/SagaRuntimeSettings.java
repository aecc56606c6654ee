package dev.ordersaga.saga;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service's saga runtime is built ({@link SagaRuntimes#of}).
 *
 * @param cacheStates keep the states of the partitions this instance owns in memory instead of
 *     loading every batch's states (dropped when a partition is revoked, the write guard stays the
 *     fence). Only for a consumer group that reads co-partitioned topics keyed alike with range
 *     assignment, so one thread owns a key; off by default
 * @param maxCachedStates the most states a caching runtime keeps (beyond it Caffeine evicts by recency and frequency,
 *     and loaded again if an event comes for them): memory bounded whatever the history; 5,000 by default
 *     (a few tens of MB of orders, several seconds of orders in flight at hundreds per second)
 */
@ConfigurationProperties("saga.runtime")
public record SagaRuntimeSettings(
        @DefaultValue("false") boolean cacheStates,
        @DefaultValue("5000") int maxCachedStates) {

    public SagaRuntimeSettings {
        if (maxCachedStates < 1) {
            throw new IllegalArgumentException(
                    "saga.runtime.max-cached-states must be at least 1, got " + maxCachedStates);
        }
    }
}
