package dev.ordersaga.gateway.reply;

import dev.ordersaga.support.web.Problems;
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

    /** The same answer naming the trace of its request (in the body; the header is set for every response). */
    public Answer withTraceId(String traceId) {
        if (traceId == null) {
            return this;
        }
        Object traced = switch (body) {
            case ConfirmedOrder order -> order.withTraceId(traceId);
            case ProblemDetail problem -> Problems.withTraceId(problem, traceId);
            default -> body;
        };
        return new Answer(status, traced, location);
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
