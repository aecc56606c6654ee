package dev.ordersaga.console.security;

import dev.ordersaga.support.security.ProblemSecurityHandlers;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Every page and action needs role ADMIN; a signed-in CUSTOMER gets the 403 page (the JSON API a
 * 403 problem detail). Sessions with Spring Security's CSRF protection: every form and every htmx
 * POST carries the session's token. Health and metrics stay open like on every service (they say
 * nothing about orders); the console is reachable only inside the deployment, never on the
 * gateway's public port.
 */
@Configuration
class ConsoleSecurity {

    static final String[] OPEN = {
        "/login",
        "/console.css",
        "/webjars/**",
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info",
        "/actuator/prometheus",
        "/error"
    };

    @Bean
    SecurityFilterChain consoleChain(HttpSecurity http, ShopSignIn signIn) throws Exception {
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers();
        RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        AccessDeniedHandlerImpl deniedPage = new AccessDeniedHandlerImpl();
        deniedPage.setErrorPage("/denied");
        http.authenticationProvider(signIn)
                .authorizeHttpRequests(
                        requests -> requests.dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR)
                                .permitAll()
                                .requestMatchers(OPEN)
                                .permitAll()
                                .requestMatchers("/denied")
                                .authenticated()
                                .anyRequest()
                                .hasRole("ADMIN"))
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/", true)
                        .failureUrl("/login?failed")
                        .permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?signed-out"))
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(problems, api)
                        .defaultAccessDeniedHandlerFor(problems, api)
                        .defaultAccessDeniedHandlerFor(deniedPage, AnyRequestMatcher.INSTANCE))
                .headers(
                        headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives(
                                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'")));
        return http.build();
    }
}
