package dev.ordersaga.gateway.reply;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * What create_order answers: a status, a body (a {@link ConfirmedOrder} or a problem detail) and,
 * for a created order, its location.
 */
public record Answer(HttpStatus status, Object body, URI location) {

    public static Answer problem(ProblemDetail problem) {
        return new Answer(HttpStatus.valueOf(problem.getStatus()), problem, null);
    }

    public ResponseEntity<Object> toResponse() {
        var response = ResponseEntity.status(status);
        if (location != null) {
            response.location(location);
        }
        if (body instanceof ProblemDetail) {
            response.contentType(MediaType.APPLICATION_PROBLEM_JSON);
        } else {
            response.contentType(MediaType.APPLICATION_JSON);
        }
        return response.body(body);
    }
}
