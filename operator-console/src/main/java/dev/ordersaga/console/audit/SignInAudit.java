package dev.ordersaga.console.audit;

import dev.ordersaga.console.audit.AuditEntry.Outcome;
import dev.ordersaga.console.security.Operator;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Sign-ins are actions too: each success and each refusal is in the audit trail. */
@Component
class SignInAudit {

    private final AuditLog audit;

    SignInAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof Operator operator) {
            audit.write(operator.username(), "SIGN_IN", "console", Outcome.OK, "roles " + operator.roles());
        }
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent event) {
        audit.write(
                event.getAuthentication().getName(),
                "SIGN_IN",
                "console",
                Outcome.REFUSED,
                event.getException().getMessage());
    }
}
