package dev.ordersaga.console.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ConsoleConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
