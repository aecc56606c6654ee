package dev.ordersaga.gateway.routing;

import dev.ordersaga.support.web.PayloadTooLargeException;
import dev.ordersaga.support.web.Problems;
import dev.ordersaga.support.web.RequestBodyLimitFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.HandlerFunction;

/**
 * A routed service that cannot be reached becomes a problem detail like every other error (503,
 * or 504 when it did not answer in time) instead of the servlet container's error page. Only
 * gateway routes (handler functions) are handled here; controllers keep their own advice.
 */
@Component
class UpstreamErrorResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(UpstreamErrorResolver.class);

    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
        if (!(handler instanceof HandlerFunction<?>)) {
            return null;
        }
        if (PayloadTooLargeException.causes(e)) {
            // The client's body grew past the cap while it was streamed to the service: the
            // client's fault, not the service's.
            return write(
                    response,
                    Problems.of(
                            HttpStatus.CONTENT_TOO_LARGE,
                            RequestBodyLimitFilter.CODE,
                            "The request body is too large.",
                            request.getRequestURI()),
                    false);
        }
        if (!(e instanceof ResourceAccessException)) {
            return null;
        }
        boolean timedOut =
                hasCause(e, HttpTimeoutException.class) || hasCause(e, java.net.SocketTimeoutException.class);
        HttpStatus status = timedOut ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.SERVICE_UNAVAILABLE;
        log.warn("{} {}: upstream {}: {}", request.getMethod(), request.getRequestURI(), status, e.getMessage());
        ProblemDetail problem = Problems.of(
                status,
                timedOut ? "UPSTREAM_TIMEOUT" : "UPSTREAM_UNAVAILABLE",
                timedOut
                        ? "The service behind this path did not answer in time."
                        : "The service behind this path is not reachable right now. Retry shortly.",
                request.getRequestURI());
        return write(response, problem, !timedOut);
    }

    private static ModelAndView write(HttpServletResponse response, ProblemDetail problem, boolean retry) {
        try {
            if (retry) {
                response.setHeader("Retry-After", "1");
            }
            Problems.write(response, problem);
        } catch (IOException | RuntimeException write) {
            log.debug("could not write the upstream problem", write);
        }
        return new ModelAndView();
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
