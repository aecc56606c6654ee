package dev.ordersaga.support.security;

import dev.ordersaga.support.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 from the security filters as problem details, like every other error. */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        write(
                response,
                Problems.of(
                        HttpStatus.UNAUTHORIZED,
                        "UNAUTHORIZED",
                        "A valid bearer token is required (missing, expired or not trusted).",
                        request.getRequestURI()));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(
                response,
                Problems.of(HttpStatus.FORBIDDEN, "FORBIDDEN", "You may not do this.", request.getRequestURI()));
    }

    private static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        Problems.write(response, problem);
    }
}
