package dev.ordersaga.console.stuck;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** What is stuck or at risk, each with what it waits for; cancel is on each order's row. */
@Controller
class StuckController {

    private final StuckOrders stuck;

    StuckController(StuckOrders stuck) {
        this.stuck = stuck;
    }

    @GetMapping("/stuck")
    String page(Model model) {
        model.addAttribute("report", stuck.now());
        return "stuck";
    }
}
