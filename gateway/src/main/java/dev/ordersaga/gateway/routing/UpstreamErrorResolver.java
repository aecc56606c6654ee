package dev.ordersaga.gateway.routing;

import dev.ordersaga.support.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.HandlerFunction;
import tools.jackson.databind.json.JsonMapper;

/**
 * A routed service that cannot be reached becomes a problem detail like every other error (503,
 * or 504 when it did not answer in time) instead of the servlet container's error page. Only
 * gateway routes (handler functions) are handled here; controllers keep their own advice.
 */
@Component
class UpstreamErrorResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(UpstreamErrorResolver.class);

    private final JsonMapper json;

    UpstreamErrorResolver(JsonMapper json) {
        this.json = json;
    }

    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
        if (!(handler instanceof HandlerFunction<?>) || !(e instanceof ResourceAccessException)) {
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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", String.valueOf(problem.getInstance()));
        body.putAll(problem.getProperties());
        try {
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            if (!timedOut) {
                response.setHeader("Retry-After", "1");
            }
            json.writeValue(response.getOutputStream(), body);
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
