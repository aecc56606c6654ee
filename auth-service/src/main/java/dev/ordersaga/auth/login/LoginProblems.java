package dev.ordersaga.auth.login;

import dev.ordersaga.support.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** 429 with {@code Retry-After}, which the shared problem-detail advice has no header for. */
@RestControllerAdvice
@Order(0) // before service-support's catch-all advice
class LoginProblems {

    static final String TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS";

    @ExceptionHandler(TooManyAttemptsException.class)
    ResponseEntity<ProblemDetail> tooManyAttempts(TooManyAttemptsException e, HttpServletRequest request) {
        return response(e, request.getRequestURI());
    }

    static ResponseEntity<ProblemDetail> response(TooManyAttemptsException e, String path) {
        ProblemDetail problem = Problems.of(
                HttpStatus.TOO_MANY_REQUESTS,
                TOO_MANY_ATTEMPTS,
                "Too many login attempts. Try again in " + e.retryAfterSeconds() + " s.",
                path);
        problem.setProperty("retry_after_seconds", e.retryAfterSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(problem);
    }
}
