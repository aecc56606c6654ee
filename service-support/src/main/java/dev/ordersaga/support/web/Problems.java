package dev.ordersaga.support.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** Builds problem details the same way for the MVC layer and the security filters. */
public final class Problems {

    /** The name of the stable, machine-readable property every problem detail carries. */
    public static final String CODE = "code";

    /** The property with the trace id of the request the problem answers (also in the X-Trace-Id header). */
    public static final String TRACE_ID = "trace_id";

    /** The response header with the same trace id, set on every answer by the tracing filter. */
    public static final String TRACE_ID_HEADER = "X-Trace-Id";

    /** Plain, so a problem written outside Spring MVC looks exactly like one written inside it. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty(CODE, code);
        return problem;
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail, String instance) {
        ProblemDetail problem = of(status, code, detail);
        if (instance != null) {
            problem.setInstance(URI.create(instance));
        }
        return problem;
    }

    /** A code for a problem that has none: the status name, e.g. {@code NOT_FOUND}. */
    public static String defaultCode(HttpStatusCode status) {
        if (status.value() == 413) {
            // Two constants share 413 (PAYLOAD_TOO_LARGE, CONTENT_TOO_LARGE); pin the code.
            return RequestBodyLimitFilter.CODE;
        }
        var known = org.springframework.http.HttpStatus.resolve(status.value());
        return known == null ? "HTTP_" + status.value() : known.name();
    }

    /**
     * Writes a problem detail straight to the response, for the places outside Spring MVC's
     * message converters: servlet filters, the security chain, the error page, the gateway's
     * routes.
     */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        withTraceId(problem, response.getHeader(TRACE_ID_HEADER));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // Written, not closed, and without a Content-Length (Tomcat closes a response once that
        // much is written): closing the response also closes the request's input, and the rest of
        // a refused body still has to be read (RefusedBodyDiscard).
        response.getOutputStream().write(JSON.writeValueAsBytes(asMap(problem)));
    }

    /** Adds the trace id, unless there is none or the problem has one already. */
    public static ProblemDetail withTraceId(ProblemDetail problem, String traceId) {
        if (traceId != null
                && (problem.getProperties() == null || !problem.getProperties().containsKey(TRACE_ID))) {
            problem.setProperty(TRACE_ID, traceId);
        }
        return problem;
    }

    /** The problem as JSON text, for writers that take no stream. */
    public static String toJson(ProblemDetail problem) {
        return JSON.writeValueAsString(asMap(problem));
    }

    /** The members of RFC 9457 first, then the extension properties ({@code code}, ...). */
    public static Map<String, Object> asMap(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        // RFC 9457: a problem without a type is "about:blank"; never the string "null".
        body.put(
                "type",
                problem.getType() == null ? "about:blank" : problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            body.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
