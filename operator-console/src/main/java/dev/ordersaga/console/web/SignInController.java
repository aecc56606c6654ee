package dev.ordersaga.console.web;

import dev.ordersaga.console.security.Operator;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

/** The sign-in form, and the page a signed-in account without role ADMIN gets (403). */
@Controller
class SignInController {

    @GetMapping("/login")
    String login() {
        return "login";
    }

    /**
     * Reached by a forward from Spring Security's access-denied handling (any method): an account
     * without ADMIN, or an ADMIN's POST without a valid CSRF token (a stale or forged form).
     */
    @RequestMapping("/denied")
    String denied(@ModelAttribute("operator") Operator operator, Model model) {
        model.addAttribute("admin", operator != null && operator.roles().contains("ADMIN"));
        return "denied";
    }
}
