package dev.ordersaga.console.orders;

import dev.ordersaga.console.audit.AuditLog;
import dev.ordersaga.console.config.ConsoleSettings;
import dev.ordersaga.console.shop.ShopClient;
import dev.ordersaga.console.shop.ShopException;
import dev.ordersaga.console.shop.ShopViews.Order;
import dev.ordersaga.events.OrderStatus;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Orders: the search, one order's saga (refreshing itself while it runs), and cancel. */
@Controller
class OrderController {

    private static final Pattern ORDER_ID = Pattern.compile("[0-9a-fA-F-]{36}");

    private final ShopClient shop;
    private final OrderSearch search;
    private final AuditLog audit;
    private final ConsoleSettings settings;

    OrderController(ShopClient shop, OrderSearch search, AuditLog audit, ConsoleSettings settings) {
        this.shop = shop;
        this.search = search;
        this.audit = audit;
        this.settings = settings;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/orders";
    }

    @GetMapping("/orders")
    String orders(
            @RequestParam(name = "order_id", required = false) String orderId,
            @RequestParam(name = "customer_id", required = false) String customerId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            Model model) {
        model.addAttribute("statuses", OrderStatus.values());
        model.addAttribute("q", new Query(blank(orderId), blank(customerId), blank(status), blank(from), blank(to)));
        if (blank(orderId) != null) {
            String id = checkedId(orderId.trim());
            if (shop.order(id).isPresent()) {
                return "redirect:/orders/" + id;
            }
            model.addAttribute("notFound", id);
            return "orders";
        }
        var criteria = new OrderSearch.Criteria(blank(customerId), status(status), time(from), time(to));
        model.addAttribute("found", search.find(criteria));
        return "orders";
    }

    /** The search form's values, as typed. */
    record Query(String orderId, String customerId, String status, String from, String to) {}

    @GetMapping("/orders/{id}")
    String order(@PathVariable String id, Model model) {
        fill(checkedId(id), model);
        return "order";
    }

    /** The live part of the order's page, which htmx fetches again every two seconds while the saga runs. */
    @GetMapping("/orders/{id}/live")
    String live(@PathVariable String id, Model model) {
        fill(checkedId(id), model);
        return "order :: live";
    }

    @GetMapping("/api/orders/{id}")
    @ResponseBody
    SagaView json(@PathVariable String id) {
        return SagaView.of(load(checkedId(id)));
    }

    @PostMapping("/orders/{id}/cancel")
    String cancel(@PathVariable String id, RedirectAttributes flash) {
        String orderId = checkedId(id);
        try {
            Order cancelled = audit.record(
                    "CANCEL_ORDER",
                    orderId,
                    () -> cancelOrRefuse(orderId),
                    order -> "status " + order.status() + (order.reason() == null ? "" : " (" + order.reason() + ")"));
            flash.addFlashAttribute("message", "Order " + orderId + " is " + cancelled.status() + ".");
        } catch (ShopException e) {
            flash.addFlashAttribute("error", "Not cancelled: " + e.getMessage());
        }
        return "redirect:/orders/" + orderId;
    }

    private Order cancelOrRefuse(String orderId) {
        try {
            return shop.cancel(orderId);
        } catch (ShopException e) {
            if (e.status() == HttpStatus.CONFLICT || e.status() == HttpStatus.NOT_FOUND) {
                throw new RefusedByShop(e);
            }
            throw e;
        }
    }

    /** order-service said no (already decided: 409; unknown: 404): recorded as refused, not failed. */
    static final class RefusedByShop extends ShopException implements AuditLog.Refusal {
        RefusedByShop(ShopException e) {
            super(e.service(), e.status(), e.code(), e.getMessage());
        }
    }

    private void fill(String orderId, Model model) {
        Order order = load(orderId);
        SagaView saga = SagaView.of(order);
        model.addAttribute("saga", saga);
        model.addAttribute("order", order);
        // a participant that is down must not hide the order: its card says so instead
        try {
            model.addAttribute("reservation", shop.reservation(orderId).orElse(null));
        } catch (ShopException e) {
            model.addAttribute("reservationError", e.getMessage());
        }
        try {
            model.addAttribute("payment", shop.payment(orderId).orElse(null));
        } catch (ShopException e) {
            model.addAttribute("paymentError", e.getMessage());
        }
        model.addAttribute("traceLink", settings.traceLink(order.traceId()));
    }

    private Order load(String orderId) {
        return shop.order(orderId)
                .orElseThrow(() -> new ShopException(
                        "order-service", HttpStatus.NOT_FOUND, "ORDER_NOT_FOUND", "No order " + orderId + "."));
    }

    private static String checkedId(String id) {
        if (!ORDER_ID.matcher(id).matches()) {
            throw new ShopException("console", HttpStatus.BAD_REQUEST, "INVALID_ORDER_ID", "An order id is a UUID.");
        }
        return id.toLowerCase(Locale.ROOT);
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static OrderStatus status(String text) {
        if (blank(text) == null) {
            return null;
        }
        try {
            return OrderStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ShopException("console", HttpStatus.BAD_REQUEST, "INVALID_STATUS", "No status " + text + ".");
        }
    }

    /** A time from the form: {@code 2026-12-06T08:30} (a browser's datetime-local, read as UTC) or an instant. */
    static Instant time(String text) {
        if (blank(text) == null) {
            return null;
        }
        String t = text.trim();
        try {
            return t.endsWith("Z") ? Instant.parse(t) : LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ShopException(
                    "console", HttpStatus.BAD_REQUEST, "INVALID_TIME", "Not a time: " + text + " (2026-12-06T08:30).");
        }
    }
}
