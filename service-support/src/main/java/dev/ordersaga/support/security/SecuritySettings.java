package dev.ordersaga.support.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service verifies tokens.
 *
 * @param jwksUri auth-service's public keys ({@code /.well-known/jwks.json})
 * @param issuer the {@code iss} every token must carry
 * @param publicPaths request paths served without a token, besides health and API docs
 */
@ConfigurationProperties("saga.security")
public record SecuritySettings(
        String jwksUri,
        @DefaultValue("ordersaga-auth") String issuer,
        @DefaultValue List<String> publicPaths) {}
