package dev.ordersaga.support.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service verifies tokens.
 *
 * @param jwksUri auth-service's public keys ({@code /.well-known/jwks.json})
 * @param issuer the {@code iss} every token must carry
 * @param publicPaths request paths served without a token, besides health and API docs
 * @param jwks how the public keys are cached and refreshed
 */
@ConfigurationProperties("saga.security")
public record SecuritySettings(
        String jwksUri,
        @DefaultValue("ordersaga-auth") String issuer,
        @DefaultValue List<String> publicPaths,
        @DefaultValue Jwks jwks) {

    /**
     * The key set is fetched once, kept for {@code cacheTtl}, and fetched again early only when a
     * token names a key the cache does not have (a rotation), at most once per
     * {@code minRefreshInterval}: a stranger sending tokens with random {@code kid}s costs
     * auth-service a bounded number of fetches, not one per token. When the key set expires while
     * auth-service cannot be reached (down, frozen), the last one fetched is used on, up to {@code
     * outageTtl} after that fetch: an outage of auth-service does not stop the verification of tokens
     * signed with keys already known.
     *
     * @param cacheTtl how long a fetched key set is used without asking again
     * @param minRefreshInterval the least time between two fetches triggered by unknown key ids
     * @param fetchTimeout connect and read timeout of one fetch
     * @param outageTtl how long after its fetch a key set is still used while auth-service cannot be
     *     reached (a key removed from the set meanwhile is accepted that long)
     */
    public record Jwks(
            @DefaultValue("5m") Duration cacheTtl,
            @DefaultValue("30s") Duration minRefreshInterval,
            @DefaultValue("5s") Duration fetchTimeout,
            @DefaultValue("1h") Duration outageTtl) {}
}
