package dev.ordersaga.console.audit;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The audit trail: the page, and the same as JSON. */
@Controller
class AuditController {

    private static final int SHOWN = 200;

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    String page(Model model) {
        model.addAttribute("entries", audit.latest(SHOWN));
        return "audit";
    }

    @GetMapping("/api/audit")
    @ResponseBody
    List<AuditEntry> json() {
        return audit.latest(SHOWN);
    }
}
