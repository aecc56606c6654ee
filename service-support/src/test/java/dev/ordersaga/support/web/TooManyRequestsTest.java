package dev.ordersaga.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

class TooManyRequestsTest {

    @Test
    void a_refused_rate_is_a_429_problem_with_retry_after_in_the_header_and_the_body() {
        ResponseEntity<ProblemDetail> response = new ProblemDetailsAdvice()
                .tooManyRequests(
                        new TooManyRequestsException("TOO_MANY_ATTEMPTS", "Slow down.", 6),
                        new ServletWebRequest(new MockHttpServletRequest("POST", "/api/auth/login")));

        assertThat(response.getStatusCode().value()).isEqualTo(429);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("6");
        assertThat(response.getBody().getProperties())
                .containsEntry("code", "TOO_MANY_ATTEMPTS")
                .containsEntry("retry_after_seconds", 6L);
    }
}
