package dev.ordersaga.auth.token;

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

    @Bean
    TokenIssuer tokenIssuer(SigningKey key, SecuritySettings security, JwtSettings settings, Clock clock) {
        return new TokenIssuer(key, security.issuer(), settings.ttl(), clock);
    }

    @Bean
    JwtDecoder jwtDecoder(SigningKey key, SecuritySettings security) {
        return decoder(key.publicKey(), security.issuer());
    }

    static NimbusJwtDecoder decoder(RSAPublicKey publicKey, String issuer) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(publicKey)
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        return decoder;
    }
}
