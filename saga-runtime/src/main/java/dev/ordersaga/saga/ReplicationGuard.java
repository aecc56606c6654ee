package dev.ordersaga.saga;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start a production service whose topics would have a single replica: one lost broker
 * disk would lose acknowledged events, and with them orders in flight. The profile {@code prod}
 * marks production; the local stack and the tests run without it.
 */
public class ReplicationGuard implements InitializingBean {

    public static final String PRODUCTION_PROFILE = "prod";

    private final Environment environment;
    private final KafkaSettings settings;

    public ReplicationGuard(Environment environment, KafkaSettings settings) {
        this.environment = environment;
        this.settings = settings;
    }

    @Override
    public void afterPropertiesSet() {
        check(environment.acceptsProfiles(Profiles.of(PRODUCTION_PROFILE)), settings.replicationFactor());
    }

    static void check(boolean production, short replicationFactor) {
        if (production && replicationFactor < 2) {
            throw new IllegalStateException("saga.kafka.replication-factor is " + replicationFactor
                    + " with the '" + PRODUCTION_PROFILE
                    + "' profile active: every event would live on one broker only."
                    + " Set SAGA_KAFKA_REPLICATION_FACTOR to 3 (with min.insync.replicas=2 on the broker), or run"
                    + " without the '" + PRODUCTION_PROFILE + "' profile on a single-broker development setup.");
        }
    }
}
