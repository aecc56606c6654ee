package dev.ordersaga.support.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every service is its own resource server: it verifies each token against auth-service's JWKS,
 * accepts RS256 only (so {@code alg: none} and HS256-with-the-public-key are refused), and checks
 * issuer, expiry and not-before. Roles come from the {@code roles} claim as {@code ROLE_*}.
 */
@AutoConfiguration(
        beforeName = {
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecuritySettings.class)
@EnableMethodSecurity
public class SagaSecurityAutoConfiguration {

    static final List<String> ALWAYS_PUBLIC = List.of(
            "/actuator/health",
            "/actuator/health/**",
            "/actuator/info",
            "/actuator/prometheus",
            "/v3/api-docs",
            "/v3/api-docs/**",
            "/swagger-ui.html",
            "/swagger-ui/**",
            "/error");

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty("saga.security.jwks-uri")
    JwtDecoder jwtDecoder(SecuritySettings settings) {
        // a token's signature is checked once, its claims on every use (VerifiedTokens)
        return new VerifiedTokens(
                decoder(settings), validator(settings), settings.jwks().cacheTtl());
    }

    /**
     * Spring Security's own observations off: they wrapped every filter of the chain, the
     * authentication and the authorization of every request in an observation (a seventh of the
     * gateway's CPU at 200 orders/s, and spans nobody reads). The request's own HTTP observation,
     * and so its trace, stays.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** The decoder every service uses; public so a service that builds its own chain can reuse it. */
    public static NimbusJwtDecoder decoder(SecuritySettings settings) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource(settings))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(validator(settings));
        // the issuer stays the string it is: Spring's default tries it as a URL first, and ours is
        // none, so every token cost a thrown and caught exception
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(
                Map.of(JwtClaimNames.ISS, SagaSecurityAutoConfiguration::text)));
        return decoder;
    }

    /** What a token's claims must satisfy: issuer, expiry and not-before (with Spring's 60 s of clock skew). */
    static OAuth2TokenValidator<Jwt> validator(SecuritySettings settings) {
        return JwtValidators.createDefaultWithIssuer(settings.issuer());
    }

    private static Object text(Object claim) {
        return claim == null ? null : claim.toString();
    }

    /**
     * Nimbus's own caching, rate-limited key source instead of Spring's default, which fetched the
     * key set again for every token with an unknown {@code kid} (150 random kids were 151 fetches).
     * A cached set serves every known key; an unknown one triggers a refresh at most once per
     * {@code min-refresh-interval}, and within it the token is simply refused (401). A failed
     * fetch is not retried at once (the next token, after the interval, tries again).
     *
     * <p>Outage tolerant: when the cached set expires and auth-service cannot be reached, the last
     * set fetched is used on (up to {@code outage-ttl} after its fetch) instead of failing every token
     * until the fetch works again: a failure answered 500, then a 401 for every valid token for the
     * rest of the interval, was what a chaos run met when the 5-minute expiry fell into a freeze of
     * auth-service. Requests that meet the expiry wait for the one fetch under way, as long as a
     * fetch may take (connect and read timeout), rather than giving up before it does.
     */
    static JWKSource<SecurityContext> jwkSource(SecuritySettings settings) {
        SecuritySettings.Jwks jwks = settings.jwks();
        int timeout = (int) jwks.fetchTimeout().toMillis();
        JWKSource<SecurityContext> source;
        try {
            source = JWKSourceBuilder.<SecurityContext>create(
                            URI.create(settings.jwksUri()).toURL(),
                            new DefaultResourceRetriever(timeout, timeout, JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT))
                    .cache(
                            jwks.cacheTtl().toMillis(),
                            jwks.fetchTimeout().multipliedBy(2).plusSeconds(1).toMillis())
                    .refreshAheadCache(false)
                    .rateLimited(jwks.minRefreshInterval().toMillis())
                    .retrying(false)
                    .outageTolerant(jwks.outageTtl().toMillis())
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("saga.security.jwks-uri is not a URL: " + settings.jwksUri(), e);
        }
        // Within the interval an unknown kid finds no key: the token is refused as untrusted (401),
        // not treated as an outage of auth-service. But before any key set was ever fetched, the
        // limit means auth-service could not be reached yet: that stays an outage (503), not a 401
        // for every valid token.
        AtomicBoolean fetched = new AtomicBoolean();
        return (selector, context) -> {
            try {
                List<JWK> keys = source.get(selector, context);
                fetched.set(true);
                return keys;
            } catch (RateLimitReachedException e) {
                if (!fetched.get()) {
                    throw e;
                }
                return List.of();
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemSecurityHandlers problemSecurityHandlers() {
        return new ProblemSecurityHandlers();
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain sagaSecurityFilterChain(
            HttpSecurity http, SecuritySettings settings, ProblemSecurityHandlers problems) throws Exception {
        List<String> open = new ArrayList<>(ALWAYS_PUBLIC);
        open.addAll(settings.publicPaths());
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.requestMatchers(open.toArray(String[]::new))
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(rolesConverter()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    public static JwtAuthenticationConverter rolesConverter() {
        var authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(JwtClaims.ROLES);
        authorities.setAuthorityPrefix("ROLE_");
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }
}
