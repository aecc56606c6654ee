package dev.ordersaga.support.web;

import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds problem details the same way for the MVC layer and the security filters. */
public final class Problems {

    /** The name of the stable, machine-readable property every problem detail carries. */
    public static final String CODE = "code";

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
        var known = org.springframework.http.HttpStatus.resolve(status.value());
        return known == null ? "HTTP_" + status.value() : known.name();
    }
}
