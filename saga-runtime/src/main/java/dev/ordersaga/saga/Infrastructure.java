package dev.ordersaga.saga;

import java.util.Set;

/**
 * Tells an outage (the store or the broker unreachable or timing out) from a failure of the
 * record itself. An outage is never the record's fault: its records are retried until the outage
 * ends, never dead-lettered. Matched by class name along the cause chain and the class hierarchy,
 * so this plumbing needs neither the MongoDB driver nor Spring Data on the class path.
 */
public final class Infrastructure {

    private static final Set<String> OUTAGES = Set.of(
            // Spring's translation of a store that cannot be reached or answered too late
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.dao.TransientDataAccessResourceException",
            "org.springframework.dao.QueryTimeoutException",
            // the MongoDB driver's own, when they arrive untranslated
            "com.mongodb.MongoSocketException",
            "com.mongodb.MongoTimeoutException",
            "com.mongodb.MongoExecutionTimeoutException",
            "com.mongodb.MongoNotPrimaryException",
            "com.mongodb.MongoNodeIsRecoveringException",
            // the broker did not take an outcome in time
            "dev.ordersaga.saga.EventPublisher$EventPublishingException",
            "org.apache.kafka.common.errors.RetriableException",
            "org.apache.kafka.common.errors.TimeoutException",
            "java.util.concurrent.TimeoutException");

    private Infrastructure() {}

    /** True if {@code failure} or one of its causes is an outage of the store or the broker. */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
                if (OUTAGES.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
