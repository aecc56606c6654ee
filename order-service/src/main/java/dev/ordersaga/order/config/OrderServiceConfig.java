package dev.ordersaga.order.config;

import dev.ordersaga.order.saga.PendingDecisions;
import dev.ordersaga.saga.publish.PendingEventsSweep;
import dev.ordersaga.saga.publish.ReliablePublisher;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SagaSettings.class)
class OrderServiceConfig {

    /** One clock for every timestamp and deadline, so the domain never reads the system time itself. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Every {@code saga.sweep-interval}, the orders whose {@code recheckAt} has passed: deadlines
     * (order-service's own rule) and decisions not yet acknowledged, sent again the runtime's
     * reliable way. Its clock is cut to milliseconds, like every time order-service stores and
     * re-emits.
     */
    @Bean
    PendingEventsSweep orderSagaSweep(
            ReliablePublisher publisher, PendingDecisions pending, SagaSettings settings, Clock clock) {
        return publisher.sweeping(
                "order-saga",
                pending,
                settings.sweepInterval(),
                settings.sweepBatch(),
                Clock.tick(clock, Duration.ofMillis(1)));
    }

    @Bean
    OpenAPI orderServiceApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("order-service")
                        .description("Orders, their saga state machine and timeline. The saga's only decider.")
                        .version("v1"));
    }
}
