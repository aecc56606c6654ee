package dev.ordersaga.payment.config;

import dev.ordersaga.payment.domain.PaymentRules;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentSettings.class)
class PaymentConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The only place real randomness enters: the rules themselves take it as a parameter. */
    @Bean
    PaymentRules paymentRules(PaymentSettings settings) {
        return new PaymentRules(
                settings.amountLimit(),
                settings.randomDeclineRate(),
                () -> ThreadLocalRandom.current().nextDouble());
    }
}
