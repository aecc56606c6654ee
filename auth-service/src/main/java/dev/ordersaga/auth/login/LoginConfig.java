package dev.ordersaga.auth.login;

import io.github.bucket4j.TimeMeter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LoginConfig {

    @Bean
    LoginRateLimiter loginRateLimiter(LoginLimits limits) {
        return new LoginRateLimiter(limits, TimeMeter.SYSTEM_NANOTIME);
    }
}
