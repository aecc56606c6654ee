package dev.ordersaga.auth.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Small infrastructure beans of the service. */
@Configuration(proxyBeanMethods = false)
class AuthConfig {

    /** One clock for token times and registration timestamps, so tests can reason about them. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    OpenAPI authOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("auth-service")
                        .description(
                                "Registration, login (RS256 JWT), the caller's profile and the public keys (JWKS).")
                        .version("v1"));
    }
}
