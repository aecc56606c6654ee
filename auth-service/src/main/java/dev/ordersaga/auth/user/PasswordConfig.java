package dev.ordersaga.auth.user;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class PasswordConfig {

    @Bean
    PasswordEncoder passwordEncoder(PasswordSettings settings) {
        return new BCryptPasswordEncoder(BCryptPasswordEncoder.BCryptVersion.$2A, settings.bcryptStrength());
    }
}
