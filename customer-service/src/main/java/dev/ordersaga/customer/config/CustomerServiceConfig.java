package dev.ordersaga.customer.config;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info =
                @Info(
                        title = "customer-service",
                        version = "v1",
                        description = "Customer records; validates the customer of each order"))
class CustomerServiceConfig {

    /** One clock for every timestamp, so tests and the service agree on "now". */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
