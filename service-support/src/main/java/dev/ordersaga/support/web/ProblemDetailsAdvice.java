package dev.ordersaga.support.web;

import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every error of every service as an RFC 9457 problem detail with a stable {@code code}. Bad input
 * is a 4xx naming what is wrong; anything unexpected is a 500 that says nothing about the inside
 * (the stack trace goes to the log, never to the client).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, WebRequest request) {
        ProblemDetail problem = Problems.of(e.status(), e.code(), e.getMessage(), path(request));
        e.properties().forEach(problem::setProperty);
        return ResponseEntity.status(e.status()).body(problem);
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<ProblemDetail> tooManyRequests(TooManyRequestsException e, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, e.code(), e.getMessage(), path(request));
        problem.setProperty("retry_after_seconds", e.retryAfterSeconds());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(problem);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getConstraintViolations()
                .forEach(v -> errors.add(fieldError(lastNode(v.getPropertyPath().toString()), v.getMessage())));
        return validationFailed(errors, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, WebRequest request) {
        return validationFailed(List.of(fieldError(e.getName(), "has an invalid value")), request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e, WebRequest request) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(Problems.of(HttpStatus.FORBIDDEN, "FORBIDDEN", "You may not do this.", path(request)));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e, WebRequest request) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .body(Problems.of(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "Authentication required.", path(request)));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, WebRequest request) {
        log.error("unexpected error on {}", path(request), e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(Problems.of(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "INTERNAL_ERROR",
                        "Something went wrong on our side. Try again later.",
                        path(request)));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.add(fieldError(error.getField(), error.getDefaultMessage()));
        }
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(g -> errors.add(fieldError(g.getObjectName(), g.getDefaultMessage())));
        return asObject(validationFailed(errors, request));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error -> errors.add(fieldError(name, error.getDefaultMessage())));
        });
        return asObject(validationFailed(errors, request));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (PayloadTooLargeException.causes(e)) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .header(HttpHeaders.CONNECTION, "close")
                    .body(Problems.of(
                            HttpStatus.CONTENT_TOO_LARGE,
                            RequestBodyLimitFilter.CODE,
                            "The request body is too large.",
                            path(request)));
        }
        StreamConstraintsException limit = cause(e, StreamConstraintsException.class);
        if (limit != null) {
            // Jackson's message names the limit and the value, never the content.
            return ResponseEntity.badRequest()
                    .body(Problems.of(
                            HttpStatus.BAD_REQUEST,
                            "JSON_TOO_COMPLEX",
                            "The request body exceeds a JSON limit: " + limit.getOriginalMessage(),
                            path(request)));
        }
        String detail = "The request body is not valid JSON for this endpoint.";
        if (e.getCause() instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                    .orElse("body");
            ProblemDetail problem = Problems.of(
                    HttpStatus.BAD_REQUEST,
                    "MALFORMED_REQUEST",
                    "Field " + field + " has the wrong type or format.",
                    path(request));
            problem.setProperty("errors", List.of(fieldError(field, "has the wrong type or format")));
            return ResponseEntity.badRequest().body(problem);
        }
        return ResponseEntity.badRequest()
                .body(Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", detail, path(request)));
    }

    /** Problems built by the framework itself (404, 405, 415, ...) get a code too. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey(Problems.CODE))) {
            problem.setProperty(Problems.CODE, Problems.defaultCode(status));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static ResponseEntity<ProblemDetail> validationFailed(
            List<Map<String, String>> errors, WebRequest request) {
        ProblemDetail problem = Problems.of(
                HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request has invalid fields.", path(request));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    private static Map<String, String> fieldError(String field, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", snakeCase(field));
        error.put("message", message);
        return error;
    }

    /** Request bodies are snake_case on the wire, so name the fields the way the client wrote them. */
    static String snakeCase(String path) {
        return path.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.indexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getRequestURI()
                : null;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> entity) {
        return (ResponseEntity) entity;
    }
}
