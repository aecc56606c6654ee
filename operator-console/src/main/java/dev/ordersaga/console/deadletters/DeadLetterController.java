package dev.ordersaga.console.deadletters;

import dev.ordersaga.console.audit.AuditLog;
import dev.ordersaga.deadletters.DeadLetter;
import dev.ordersaga.deadletters.DeadLetterTopic;
import dev.ordersaga.deadletters.RecordRef;
import dev.ordersaga.deadletters.Redrive;
import dev.ordersaga.events.Topics;
import dev.ordersaga.support.web.ApiException;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Dead letters: every {@code .DLT} with its counts, its records (order, event type, error, origin),
 * and re-driving one, a selection or all of a topic, each audited.
 */
@Controller
class DeadLetterController {

    private final DeadLetterDesk desk;
    private final AuditLog audit;

    DeadLetterController(DeadLetterDesk desk, AuditLog audit) {
        this.desk = desk;
        this.audit = audit;
    }

    /** What the page and the JSON show. */
    record Overview(List<DeadLetterTopic> topics, List<DeadLetter> records) {}

    @GetMapping("/dead-letters")
    String page(@RequestParam(required = false) String topic, Model model) {
        model.addAttribute("overview", overview(topic));
        model.addAttribute("topic", topic);
        return "dead-letters";
    }

    @GetMapping("/api/dead-letters")
    @ResponseBody
    Overview json(@RequestParam(required = false) String topic) {
        return overview(topic);
    }

    /** Re-drives the ticked records ({@code ref}: {@code topic.DLT/partition/offset}), again if asked. */
    @PostMapping("/dead-letters/redrive")
    String redrive(
            @RequestParam(name = "ref", required = false) List<String> refs,
            @RequestParam(defaultValue = "false") boolean again,
            RedirectAttributes flash) {
        if (refs == null || refs.isEmpty()) {
            flash.addFlashAttribute("error", "Tick the records to re-drive first.");
            return "redirect:/dead-letters";
        }
        List<RecordRef> chosen = refs.stream().map(DeadLetterController::ref).toList();
        Redrive done = audit.record(
                again ? "REDRIVE_AGAIN" : "REDRIVE",
                String.join(" ", refs),
                () -> desk.with(d -> d.redrive(chosen, again)),
                Redrive::summary);
        flash.addFlashAttribute("message", done.summary() + ".");
        return "redirect:/dead-letters";
    }

    /** Re-drives every record of one topic's dead-letter topic not re-driven yet. */
    @PostMapping("/dead-letters/redrive-all")
    String redriveAll(@RequestParam String topic, RedirectAttributes flash) {
        if (!Topics.ALL.contains(topic)) {
            throw ApiException.badRequest("INVALID_TOPIC", "Not a saga topic: " + topic + ".");
        }
        Redrive done = audit.record(
                "REDRIVE_ALL", Topics.deadLetter(topic), () -> desk.with(d -> d.redriveAll(topic)), Redrive::summary);
        flash.addFlashAttribute("message", done.summary() + " from " + Topics.deadLetter(topic) + ".");
        return "redirect:/dead-letters";
    }

    private Overview overview(String topic) {
        if (topic != null && !topic.isBlank() && !Topics.ALL.contains(topic)) {
            throw ApiException.badRequest("INVALID_TOPIC", "Not a saga topic: " + topic + ".");
        }
        return desk.with(d -> new Overview(
                d.topics(), topic == null || topic.isBlank() ? d.records() : d.records(Topics.deadLetter(topic))));
    }

    private static RecordRef ref(String text) {
        try {
            return RecordRef.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_RECORD", e.getMessage());
        }
    }
}
