package dev.ordersaga.support.tracing;

import dev.ordersaga.support.web.Problems;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every problem detail Spring MVC writes carries the trace id ({@value Problems#TRACE_ID}) of its
 * request, the one {@link TraceIdFilter} put into the response header; problems written outside
 * Spring MVC get it from {@link Problems#write}.
 */
@RestControllerAdvice
public class TraceIdProblemAdvice implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            Problems.withTraceId(problem, response.getHeaders().getFirst(TraceIdFilter.HEADER));
        }
        return body;
    }
}
