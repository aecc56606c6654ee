package dev.ordersaga.auth.config;

import dev.ordersaga.auth.store.RegistrationOutbox;
import dev.ordersaga.auth.user.RegistrationSettings;
import dev.ordersaga.saga.publish.PendingEventsSweep;
import dev.ordersaga.saga.publish.ReliablePublisher;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * {@code UserRegistered} published reliably the runtime's way: pending in the user document, sent
 * after the insert, and every {@code auth.registration.republish-interval} the registrations still
 * pending (older than {@code republish-after}) are sent again.
 */
@Configuration(proxyBeanMethods = false)
class RegistrationConfig {

    @Bean
    RegistrationOutbox registrationOutbox(MongoTemplate mongo, RegistrationSettings settings) {
        return new RegistrationOutbox(mongo, settings.republishAfter());
    }

    @Bean
    PendingEventsSweep registrationSweep(
            ReliablePublisher publisher, RegistrationOutbox outbox, RegistrationSettings settings, Clock clock) {
        return publisher.sweeping("registrations", outbox, settings.republishInterval(), settings.batchSize(), clock);
    }
}
