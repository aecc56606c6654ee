package dev.ordersaga.gateway.order;

import dev.ordersaga.support.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** A problem answered with response headers (ApiException carries none): 401, 429 and 503. */
public class GatewayProblem extends RuntimeException {

    private final ProblemDetail problem;
    private final HttpHeaders headers;

    private GatewayProblem(ProblemDetail problem, HttpHeaders headers) {
        super(problem.getDetail());
        this.problem = problem;
        this.headers = headers;
    }

    /** 401 with the RFC 6750 challenge. */
    public static GatewayProblem unauthorized(String detail, boolean tokenPresented) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer");
        return new GatewayProblem(Problems.of(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", detail), headers);
    }

    /** 503 with a hint when to come back. */
    public static GatewayProblem unavailable(String code, String detail) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return new GatewayProblem(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, code, detail), headers);
    }

    /** 503 with the number of seconds to wait before retrying. */
    public static GatewayProblem unavailable(String code, String detail, long retryAfterSeconds) {
        return retryLater(HttpStatus.SERVICE_UNAVAILABLE, code, detail, retryAfterSeconds);
    }

    /** 429 with the number of seconds until the caller may try again. */
    public static GatewayProblem tooManyRequests(String code, String detail, long retryAfterSeconds) {
        return retryLater(HttpStatus.TOO_MANY_REQUESTS, code, detail, retryAfterSeconds);
    }

    /** The wait is said twice: in the {@code Retry-After} header and as {@code retry_after_seconds} in the body. */
    private static GatewayProblem retryLater(HttpStatus status, String code, String detail, long retryAfterSeconds) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        ProblemDetail problem = Problems.of(status, code, detail);
        problem.setProperty("retry_after_seconds", retryAfterSeconds);
        return new GatewayProblem(problem, headers);
    }

    public ProblemDetail problem() {
        return problem;
    }

    public HttpHeaders headers() {
        return headers;
    }
}
