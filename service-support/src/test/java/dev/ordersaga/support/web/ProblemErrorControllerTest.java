package dev.ordersaga.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jwt.JwtException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What reaches the error page as a 500 is a 500 problem, but a token that cannot be checked is a 503. */
class ProblemErrorControllerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static MockHttpServletResponse error(Throwable exception) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/api/orders");
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, exception);
        MockHttpServletResponse response = new MockHttpServletResponse();
        new ProblemErrorController().error(request, response);
        return response;
    }

    @Test
    void a_bearer_token_that_cannot_be_checked_for_want_of_keys_is_a_503_with_retry_after() throws Exception {
        // what Spring Security's bearer filter rethrows when the decoder cannot fetch auth-service's keys
        var response = error(new AuthenticationServiceException(
                "An error occurred while attempting to decode the Jwt: Couldn't retrieve JWK set",
                new JwtException("Couldn't retrieve JWK set")));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(response.getContentAsString());
        assertThat(body.path("code").asString()).isEqualTo("AUTH_UNAVAILABLE");
        assertThat(body.path("status").asInt()).isEqualTo(503);
        assertThat(body.path("instance").asString()).isEqualTo("/api/orders");
        assertThat(response.getContentAsString()).doesNotContain("JWK", "Jwt");
    }

    @Test
    void any_other_failure_stays_a_500_that_tells_nothing_about_the_inside() throws Exception {
        var response = error(new IllegalStateException("connection pool of the store exhausted"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getHeader("Retry-After")).isNull();
        JsonNode body = JSON.readTree(response.getContentAsString());
        assertThat(body.path("code").asString()).isEqualTo("INTERNAL_ERROR");
        assertThat(response.getContentAsString()).doesNotContain("pool");
    }
}
