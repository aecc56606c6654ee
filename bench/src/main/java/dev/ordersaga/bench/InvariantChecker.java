package dev.ordersaga.bench;

import dev.ordersaga.seed.GatewayClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * What must hold once the system is at rest, whatever happened under load: stock adds up,
 * nothing reserved, every order decided, money only kept for confirmed orders, every accepted
 * request exactly one order. Read only through the public APIs, as an admin.
 */
public class InvariantChecker {

    public record Check(String name, boolean pass, String detail) {}

    public record Report(List<Check> checks) {
        public boolean pass() {
            return checks.stream().allMatch(Check::pass);
        }

        public void print(PrintStream out) {
            checks.forEach(c -> out.printf("  %s  %-58s %s%n", c.pass() ? "PASS" : "FAIL", c.name(), c.detail()));
        }
    }

    private static final Set<String> TERMINAL = Set.of("CONFIRMED", "REJECTED", "CANCELLED");

    private final GatewayClient gateway;
    private final GatewayClient.Session admin;

    public InvariantChecker(GatewayClient gateway, GatewayClient.Session admin) {
        this.gateway = gateway;
        this.admin = admin;
    }

    /**
     * Waits up to {@code settle} for every order to be terminal, then checks everything; with {@code run}, also that
     * the orders of {@code runCustomers} are exactly those the run's requests started (null: the history only).
     */
    public Report check(RunOrders run, Set<String> runCustomers, Duration settle) {
        long deadline = System.nanoTime() + settle.toNanos();
        awaitRunAtRest(run == null ? null : run.accepted(), deadline);
        // Listing the whole history scans every order, and holds the orders collection while it does: once, at rest,
        // and again only while an order (of anyone) is still open.
        List<JsonNode> orders = gateway.all(admin, "api/orders");
        while (orders.stream().anyMatch(o -> !TERMINAL.contains(text(o, "status"))) && System.nanoTime() < deadline) {
            sleep(Duration.ofSeconds(2));
            orders = gateway.all(admin, "api/orders");
        }
        List<Check> checks = new ArrayList<>();
        checks.addAll(stock());
        checks.add(everyOrderTerminal(orders));
        checks.addAll(money(orders));
        if (run != null) {
            checks.addAll(accounting(orders, run, runCustomers));
        }
        return new Report(checks);
    }

    /**
     * Waits until every accepted order of the run is known and terminal (after a crash the decider may still be
     * catching up on requests it has not seen yet), asking for each by id: a cheap index lookup.
     */
    private void awaitRunAtRest(Set<String> acceptedOrderIds, long deadline) {
        Set<String> waiting = new HashSet<>(acceptedOrderIds == null ? Set.of() : acceptedOrderIds);
        while (true) {
            waiting.removeIf(id -> {
                String status = gateway.orderStatus(admin, id);
                return status != null && TERMINAL.contains(status);
            });
            if (waiting.isEmpty() || System.nanoTime() >= deadline) {
                return;
            }
            sleep(Duration.ofSeconds(2));
        }
    }

    private List<Check> stock() {
        JsonNode report = gateway.get(admin, "api/inventory/invariants");
        List<String> broken = new ArrayList<>();
        List<String> reserved = new ArrayList<>();
        JsonNode products = report.has("products") ? report.get("products") : report.path("items");
        for (JsonNode product : products) {
            String id = text(product, "product_id");
            if (product.has("ok") && !product.get("ok").asBoolean()) {
                broken.add(id + " " + product);
            }
            if (product.path("reserved").asLong(0) != 0) {
                reserved.add(id + " reserved=" + product.get("reserved").asLong());
            }
        }
        boolean ok = report.path("ok").asBoolean(false) && broken.isEmpty();
        return List.of(
                new Check(
                        "stock: received = available + reserved + sold",
                        ok,
                        ok ? products.size() + " products" : limit(broken) + " " + report.path("ok")),
                new Check(
                        "stock: nothing reserved at rest",
                        reserved.isEmpty(),
                        reserved.isEmpty() ? "0 units reserved" : limit(reserved)));
    }

    private static Check everyOrderTerminal(List<JsonNode> orders) {
        List<String> stuck = orders.stream()
                .filter(o -> !TERMINAL.contains(text(o, "status")))
                .map(o -> text(o, "order_id", "id") + "=" + text(o, "status"))
                .toList();
        return new Check(
                "orders: every order terminal (none stuck)",
                stuck.isEmpty(),
                stuck.isEmpty() ? orders.size() + " orders" : stuck.size() + " stuck: " + limit(stuck));
    }

    private List<Check> money(List<JsonNode> orders) {
        Map<String, String> statusById = new HashMap<>();
        orders.forEach(o -> statusById.put(text(o, "order_id", "id"), text(o, "status")));
        List<JsonNode> payments = gateway.all(admin, "api/payments");
        Map<String, Long> capturedPerOrder = payments.stream()
                .filter(p -> "CAPTURED".equals(text(p, "status")))
                .collect(Collectors.groupingBy(p -> text(p, "order_id"), Collectors.counting()));
        List<String> keptWithoutOrder = capturedPerOrder.keySet().stream()
                .filter(order -> !"CONFIRMED".equals(statusById.get(order)))
                .map(order -> order + "=" + statusById.get(order))
                .toList();
        List<String> confirmedWithout = statusById.entrySet().stream()
                .filter(e -> "CONFIRMED".equals(e.getValue()))
                .filter(e -> capturedPerOrder.getOrDefault(e.getKey(), 0L) != 1L)
                .map(e -> e.getKey() + " captured=" + capturedPerOrder.getOrDefault(e.getKey(), 0L))
                .toList();
        return List.of(
                new Check(
                        "money: every captured payment belongs to a CONFIRMED order",
                        keptWithoutOrder.isEmpty(),
                        keptWithoutOrder.isEmpty() ? payments.size() + " payments" : limit(keptWithoutOrder)),
                new Check(
                        "money: every CONFIRMED order has exactly one captured payment",
                        confirmedWithout.isEmpty(),
                        confirmedWithout.isEmpty() ? "ok" : limit(confirmedWithout)));
    }

    /**
     * Every accepted request has its order, and no order is more than its request: an order of the run's customers
     * that no answer named is allowed only for a request whose outcome the client could not know (a 503 "not
     * accepted" naming it, or a request without an answer), at most one per such request.
     */
    static List<Check> accounting(List<JsonNode> orders, RunOrders run, Set<String> runCustomers) {
        Set<String> ids = orders.stream().map(o -> text(o, "order_id", "id")).collect(Collectors.toSet());
        List<String> lost =
                run.accepted().stream().filter(id -> !ids.contains(id)).sorted().toList();
        List<String> runOrders = orders.stream()
                .filter(o -> runCustomers.contains(text(o, "customer_id")))
                .map(o -> text(o, "order_id", "id"))
                .toList();
        List<String> unnamed = runOrders.stream()
                .filter(id -> !run.accepted().contains(id) && !run.uncertain().contains(id))
                .sorted()
                .toList();
        Set<String> seen = new HashSet<>();
        long duplicated = orders.stream()
                .map(o -> text(o, "order_id", "id"))
                .filter(id -> !seen.add(id))
                .count();
        long uncertainStarted =
                runOrders.stream().filter(run.uncertain()::contains).count();
        boolean one = duplicated == 0 && run.repeatedAnswers() == 0 && unnamed.size() <= run.unanswered();
        return List.of(
                new Check(
                        "requests: every accepted request has its order (none lost)",
                        lost.isEmpty(),
                        lost.isEmpty() ? run.accepted().size() + " accepted" : lost.size() + " lost: " + limit(lost)),
                new Check(
                        "requests: one order per accepted request (none duplicated)",
                        one,
                        "orders of this run=" + runOrders.size() + ", accepted="
                                + run.accepted().size()
                                + ", started though answered 503=" + uncertainStarted + " of "
                                + run.uncertain().size() + ", named by no answer=" + unnamed.size()
                                + (unnamed.isEmpty() ? "" : " " + limit(described(orders, unnamed)))
                                + " (requests without an answer="
                                + run.unanswered() + "), duplicate ids=" + duplicated + ", repeated answers="
                                + run.repeatedAnswers()));
    }

    static String text(JsonNode node, String... names) {
        for (String name : names) {
            if (node.hasNonNull(name)) {
                return node.get(name).asString();
            }
        }
        return null;
    }

    /** The orders with these ids, each with what the store says of it: enough to find it in the logs. */
    private static List<String> described(List<JsonNode> orders, List<String> ids) {
        return orders.stream()
                .filter(o -> ids.contains(text(o, "order_id", "id")))
                .map(o -> text(o, "order_id", "id") + " ("
                        + Stream.of(
                                        text(o, "status"),
                                        text(o, "reason"),
                                        labelled("last step ", text(o, "last_step")),
                                        labelled("created ", text(o, "created_at")),
                                        labelled("customer ", text(o, "customer_id")))
                                .filter(Objects::nonNull)
                                .collect(Collectors.joining(", "))
                        + ")")
                .toList();
    }

    private static String labelled(String label, String value) {
        return value == null ? null : label + value;
    }

    private static String limit(List<String> items) {
        return items.size() <= 5 ? items.toString() : items.subList(0, 5) + " and " + (items.size() - 5) + " more";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
