package dev.ordersaga.auth.token;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.ordersaga.support.security.SecuritySettings;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The signing key, the issuer, and how this service verifies tokens itself: with its own public
 * key (not over HTTP from its own JWKS, which would make start-up depend on itself). RS256 only,
 * so {@code alg: none} and HS256-signed-with-the-public-key are refused; issuer, expiry and
 * not-before are checked. Defining this bean makes service-support's JWKS-URI decoder back off.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfig {

    @Bean
    SigningKey signingKey(JwtSettings settings) {
        return new JwtKeyStore(settings.keyPath()).loadOrCreate();
    }

    /** The signing key and the previous ones of a rotation, each loaded from its file (never created). */
    @Bean
    PublishedKeys publishedKeys(SigningKey signing, JwtSettings settings) {
        return new PublishedKeys(
                signing,
                settings.previousKeyPaths().stream()
                        .map(path -> new JwtKeyStore(path).load())
                        .toList());
    }

    @Bean
    TokenIssuer tokenIssuer(SigningKey key, SecuritySettings security, JwtSettings settings, Clock clock) {
        return new TokenIssuer(key, security.issuer(), settings.ttl(), clock);
    }

    @Bean
    JwtDecoder jwtDecoder(PublishedKeys keys, SecuritySettings security) {
        return decoder(keys, security.issuer());
    }

    static NimbusJwtDecoder decoder(RSAPublicKey publicKey, String issuer) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(publicKey)
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        return decoder;
    }

    /** Every published key, chosen by the token's {@code kid}: tokens of a previous key verify too. */
    static NimbusJwtDecoder decoder(PublishedKeys keys, String issuer) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(keys.jwkSet()))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        return decoder;
    }
}
