package dev.ordersaga.console.web;

import dev.ordersaga.support.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors on the console's pages are pages (with the problem's status, title, detail and code); on
 * its JSON API ({@code /api/**}) they are RFC 9457 problem details like every other service's.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    @ExceptionHandler(ApiException.class)
    Object problem(ApiException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.status().getReasonPhrase());
        problem.setProperty("code", e.code());
        e.properties().forEach(problem::setProperty);
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return ResponseEntity.status(e.status()).body(problem);
        }
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            // the operator's token expired (or was revoked): sign in again
            var session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            return new ModelAndView("redirect:/login?expired");
        }
        ModelAndView page = new ModelAndView("problem");
        page.setStatus(e.status() == null ? HttpStatus.INTERNAL_SERVER_ERROR : e.status());
        page.addObject("problem", problem);
        return page;
    }
}
