package dev.ordersaga.support.tracing;

import dev.ordersaga.support.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the request's trace id into the {@value #HEADER} response header of every answer, so a
 * caller (or an on-call engineer holding a failed answer) can open the trace in Zipkin. Runs just
 * inside Spring's HTTP server observation, where the request's span is current; the header is set
 * before the answer is written, so it is there for asynchronous answers too.
 */
public class TraceIdFilter extends OncePerRequestFilter {

    public static final String HEADER = Problems.TRACE_ID_HEADER;

    private final SagaTracing tracing;

    public TraceIdFilter(SagaTracing tracing) {
        this.tracing = tracing;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String traceId = tracing.currentTraceId();
        if (traceId == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HEADER, traceId);
        chain.doFilter(request, new OneTraceIdHeader(response));
    }

    /**
     * Keeps the header this filter set: the gateway's routes copy the upstream service's answer
     * headers, and the upstream's X-Trace-Id (the same trace, continued) would be a second copy.
     */
    private static final class OneTraceIdHeader extends HttpServletResponseWrapper {

        OneTraceIdHeader(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            if (!HEADER.equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!HEADER.equalsIgnoreCase(name)) {
                super.addHeader(name, value);
            }
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true; // the header was set on the first dispatch
    }
}
