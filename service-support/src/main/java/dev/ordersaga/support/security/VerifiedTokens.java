package dev.ordersaga.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A {@link JwtDecoder} that verifies a token's signature once and remembers the result for a while:
 * a shopper sends the same token with every request, and its RSA signature check, JSON parsing and
 * claim conversion were a tenth of the gateway's CPU at 200 orders/s. A token found here is the very
 * same string that was verified (its signature included), and it is validated again on every use
 * (expiry, not-before, issuer: no cryptography), so an expired token is refused the moment it
 * expires. Only tokens that verified are kept; a refused token is verified anew every time.
 *
 * <p>A token is kept at most as long as the key set it was verified with ({@code
 * saga.security.jwks.cache-ttl}): a key withdrawn from auth-service's set stops verifying new tokens
 * at the next fetch, and the tokens it verified before leave this cache within the same time. The
 * number kept is bounded ({@value #MAX_TOKENS}, least recently used out first), so a flood of valid
 * tokens costs verification, never memory.
 */
public final class VerifiedTokens implements JwtDecoder {

    static final int MAX_TOKENS = 4096;

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    /**
     * @param verifier checks the signature and validates the claims of a token not seen before
     * @param validator the claim checks repeated on every use of a known token (the verifier's own)
     * @param keepFor how long a verified token is trusted without its signature checked again
     */
    public VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, Duration keepFor) {
        this.verifier = verifier;
        this.validator = validator;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .expireAfterWrite(keepFor)
                .build();
    }

    @Override
    public Jwt decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known == null) {
            Jwt jwt = verifier.decode(token);
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = validator.validate(known);
        if (result.hasErrors()) {
            verified.invalidate(token);
            // the words NimbusJwtDecoder uses for a token that fails validation, so both read alike
            throw new JwtValidationException(
                    "An error occurred while attempting to decode the Jwt: "
                            + result.getErrors().iterator().next().getDescription(),
                    result.getErrors());
        }
        return known;
    }
}
