package dev.ordersaga.support.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page of every service: what Tomcat, the security firewall or a filter refuse with
 * {@code sendError} (a rejected URL, an oversized header, ...) is forwarded here, and answered as
 * a problem detail with a stable {@code code}, like every other error, instead of Boot's default
 * JSON (timestamp, status, error, path). Nothing about the inside is shown.
 *
 * <p>A bearer token that cannot be checked because auth-service's keys cannot be fetched is no
 * fault of the token nor of this service: Spring Security's bearer filter rethrows that {@link
 * AuthenticationServiceException} to the container, which forwards it here as a 500. It is answered
 * 503 {@value #AUTH_UNAVAILABLE} with {@code Retry-After}, as the gateway answers a body token it
 * cannot check.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    /** The code of a token that cannot be checked right now (the keys cannot be fetched). */
    public static final String AUTH_UNAVAILABLE = "AUTH_UNAVAILABLE";

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpStatusCode status = status(request);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (status.value() == 500 && !response.isCommitted() && authUnavailable(request)) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            Problems.write(
                    response,
                    Problems.of(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            AUTH_UNAVAILABLE,
                            "Tokens cannot be verified right now. Retry shortly.",
                            uri == null ? null : uri.toString()));
            return;
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        String detail = known == null
                ? "The request was refused."
                : status.is5xxServerError()
                        ? "Something went wrong on our side. Try again later."
                        : known.getReasonPhrase() + ".";
        if (response.isCommitted()) {
            return;
        }
        // 500 has the same code as the advice's catch-all, so clients see one code for "our fault".
        String code = status.value() == 500 ? "INTERNAL_ERROR" : Problems.defaultCode(status);
        Problems.write(response, Problems.of(status, code, detail, uri == null ? null : uri.toString()));
    }

    /** Whether the error is (or was caused by) a token that could not be checked for want of keys. */
    private static boolean authUnavailable(HttpServletRequest request) {
        Object error = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Throwable e = error instanceof Throwable t ? t : null;
        for (int depth = 0; e != null && depth < 10; depth++, e = e.getCause()) {
            if (e instanceof AuthenticationServiceException) {
                return true;
            }
        }
        return false;
    }

    private static HttpStatusCode status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer value && value >= 400 && value < 600) {
            return HttpStatusCode.valueOf(value);
        }
        // Called directly (GET /error) rather than as the error page: nothing went wrong there.
        return HttpStatus.NOT_FOUND;
    }
}
