package dev.ordersaga.saga;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The production guard on the topics' replication factor ({@link ReplicationGuard}). */
@AutoConfiguration
@EnableConfigurationProperties(KafkaSettings.class)
public class ReplicationGuardAutoConfiguration {

    @Bean
    ReplicationGuard sagaReplicationGuard(Environment environment, KafkaSettings settings) {
        return new ReplicationGuard(environment, settings);
    }
}
