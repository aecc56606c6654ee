package dev.ordersaga.gateway.order;

import dev.ordersaga.support.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Who places an order. {@code /api/create_order} is public at the filter level because its token
 * may come in the body (as the original API had it), so it is verified here with the same
 * {@link JwtDecoder} as every other path: RS256 signature from the JWKS, expiry, issuer. A bearer
 * header, when sent, was already verified by the resource-server filter (an invalid one never
 * gets here) and takes precedence over the body field.
 */
@Component
class TokenCaller {

    private static final Logger log = LoggerFactory.getLogger(TokenCaller.class);

    private final JwtDecoder decoder;

    TokenCaller(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    Caller resolve(JsonNode body) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken verified) {
            return checked(Caller.from(verified.getToken()));
        }
        JsonNode field = body == null ? null : body.get("token");
        if (field == null || !field.isString() || field.stringValue().isBlank()) {
            throw GatewayProblem.unauthorized(
                    "A token is required: send Authorization: Bearer <token> or the body field token.", false);
        }
        Jwt jwt;
        try {
            jwt = decoder.decode(field.stringValue().strip());
        } catch (BadJwtException e) {
            log.debug("create_order token refused: {}", e.getMessage());
            throw GatewayProblem.unauthorized("The token is not valid (signature, expiry or issuer).", true);
        } catch (JwtException e) {
            // Not the token's fault: the keys could not be fetched from auth-service.
            log.warn("cannot verify a create_order token: {}", e.getMessage());
            throw GatewayProblem.unavailable("AUTH_UNAVAILABLE", "Tokens cannot be verified right now. Retry shortly.");
        }
        return checked(Caller.from(jwt));
    }

    private static Caller checked(Caller caller) {
        if (caller.userId() == null || caller.userId().isBlank()) {
            throw GatewayProblem.unauthorized("The token names no user (sub).", true);
        }
        return caller;
    }
}
