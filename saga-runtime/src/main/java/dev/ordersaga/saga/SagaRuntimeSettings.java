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
 */
@ConfigurationProperties("saga.runtime")
public record SagaRuntimeSettings(@DefaultValue("false") boolean cacheStates) {}
