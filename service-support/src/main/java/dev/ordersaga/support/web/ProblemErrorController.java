package dev.ordersaga.support.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page of every service: what Tomcat, the security firewall or a filter refuse with
 * {@code sendError} (a rejected URL, an oversized header, ...) is forwarded here, and answered as
 * a problem detail with a stable {@code code}, like every other error, instead of Boot's default
 * JSON (timestamp, status, error, path). Nothing about the inside is shown.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpStatusCode status = status(request);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
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

    private static HttpStatusCode status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer value && value >= 400 && value < 600) {
            return HttpStatusCode.valueOf(value);
        }
        // Called directly (GET /error) rather than as the error page: nothing went wrong there.
        return HttpStatus.NOT_FOUND;
    }
}
