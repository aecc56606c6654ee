package dev.ordersaga.order.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(SagaSettings.class)
class OrderServiceConfig {

    /** One clock for every timestamp and deadline, so the domain never reads the system time itself. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
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
