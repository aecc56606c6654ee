package dev.ordersaga.console.web;

import dev.ordersaga.console.config.ConsoleSettings;
import dev.ordersaga.console.security.Operator;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's frame shows: who is signed in, and where htmx is served from. */
@ControllerAdvice
class GlobalModel {

    private final ConsoleSettings settings;

    GlobalModel(ConsoleSettings settings) {
        this.settings = settings;
    }

    @ModelAttribute("htmxPath")
    String htmxPath() {
        return "/webjars/htmx.org/" + settings.htmxVersion() + "/dist/htmx.min.js";
    }

    @ModelAttribute("operator")
    Operator operator() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof Operator operator ? operator : null;
    }
}
