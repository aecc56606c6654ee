package dev.ordersaga.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ordersaga.testsupport.TestJwks;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * auth-service, order-service, inventory and payment as far as the console calls them, on one
 * loopback port: logins issue real tokens signed with {@link TestJwks} (admin / admin12345 is ADMIN,
 * klea / password123 is CUSTOMER), the order {@link #REJECTED} is a declined order with its
 * compensation, {@link #RUNNING} is waiting for payment. Every request is recorded with its
 * {@code Authorization} header.
 */
public final class FakeShop {

    public static final String REJECTED = "11111111-1111-1111-1111-111111111111";
    public static final String RUNNING = "22222222-2222-2222-2222-222222222222";
    /** order-service answers 401 for it, as for an expired token. */
    public static final String EXPIRED = "44444444-4444-4444-4444-444444444444";

    public record Call(String method, String path, String authorization) {}

    private static final FakeShop INSTANCE = new FakeShop();

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> status = new ConcurrentHashMap<>();

    private FakeShop() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        reset();
    }

    public static FakeShop get() {
        return INSTANCE;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public void reset() {
        calls.clear();
        status.put(REJECTED, "REJECTED");
        status.put(RUNNING, "STOCK_RESERVED");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        calls.add(new Call(method, path, exchange.getRequestHeaders().getFirst("Authorization")));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (path.equals("/api/auth/login")) {
            if (body.contains("\"admin\"") && body.contains("\"admin12345\"")) {
                answer(exchange, 200, login(TestJwks.get().adminToken()));
            } else if (body.contains("\"klea\"") && body.contains("\"password123\"")) {
                answer(exchange, 200, login(TestJwks.get().customerToken("u-klea", "c-klea")));
            } else {
                answer(exchange, 401, problem(401, "BAD_CREDENTIALS", "Wrong username or password."));
            }
            return;
        }
        String orderId = path.replaceAll(".*/([0-9a-f-]{36}).*", "$1");
        if (orderId.equals(EXPIRED)) {
            answer(exchange, 401, problem(401, "UNAUTHORIZED", "The token has expired."));
            return;
        }
        if (path.startsWith("/api/orders/") && path.endsWith("/cancel") && method.equals("POST")) {
            if (!"STOCK_RESERVED".equals(status.get(orderId))) {
                answer(
                        exchange,
                        409,
                        problem(409, "ORDER_ALREADY_TERMINAL", "Order " + orderId + " is already REJECTED."));
                return;
            }
            status.put(orderId, "CANCELLED");
            answer(exchange, 200, order(orderId));
        } else if (path.startsWith("/api/orders/") && status.containsKey(orderId)) {
            answer(exchange, 200, order(orderId));
        } else if (path.startsWith("/api/inventory/reservations/") && orderId.equals(REJECTED)) {
            answer(exchange, 200, """
                    {"order_id":"%s","status":"RELEASED","lines":[{"product_id":"p1","quantity":2,"state":"UNDONE"}],
                     "released_lines":[{"product_id":"p1","quantity":2,"state":"UNDONE"}]}""".formatted(orderId));
        } else if (path.equals("/api/orders")) {
            // the running order, requested long ago, is listed when its status is asked for: it is stuck
            boolean running =
                    String.valueOf(exchange.getRequestURI().getQuery()).contains("status=STOCK_RESERVED")
                            && "STOCK_RESERVED".equals(status.get(RUNNING));
            String items = running ? """
                    [{"order_id":"%s","status":"STOCK_RESERVED","customer_id":"c-klea","last_step":"StockReserved",
                      "created_at":"2020-01-01T00:00:00Z","updated_at":"2020-01-01T00:00:01Z"}]""".formatted(RUNNING) : "[]";
            int count = running ? 1 : 0;
            answer(exchange, 200, """
                    {"items":%s,"page":0,"size":100,"total_elements":%d,"total_pages":%d}""".formatted(items, count, count));
        } else {
            answer(exchange, 404, problem(404, "NOT_FOUND", "Nothing at " + path + "."));
        }
    }

    private String order(String orderId) {
        String s = status.get(orderId);
        String timeline = orderId.equals(REJECTED) ? """
                [{"type":"OrderRequested","at":"2026-12-06T08:00:00Z","service":"gateway","detail":"1 line"},
                 {"type":"StockReserved","at":"2026-12-06T08:00:01Z","service":"inventory-service","detail":"1 line reserved"},
                 {"type":"PaymentFailed","at":"2026-12-06T08:00:02Z","service":"payment-service","detail":"declined"},
                 {"type":"StockReleased","at":"2026-12-06T08:00:03Z","service":"inventory-service","detail":"1 line released"},
                 {"type":"OrderRejected","at":"2026-12-06T08:00:04Z","service":"order-service","detail":"PAYMENT_DECLINED"}]""" : """
                [{"type":"OrderRequested","at":"2026-12-06T08:00:00Z","service":"gateway","detail":"1 line"},
                 {"type":"StockReserved","at":"2026-12-06T08:00:01Z","service":"inventory-service","detail":"1 line reserved"}]""";
        return """
                {"order_id":"%s","status":"%s","customer_id":"c-klea","reason":%s,"timeline":%s,
                 "created_at":"2026-12-06T08:00:00Z","trace_id":"abc123"}""".formatted(
                        orderId,
                        s,
                        s.equals("REJECTED")
                                ? "\"PAYMENT_DECLINED\""
                                : s.equals("CANCELLED") ? "\"CANCELLED_ON_REQUEST\"" : "null",
                        timeline);
    }

    private static String login(String token) {
        return """
                {"token":"%s","token_type":"Bearer","expires_at":"2099-01-01T00:00:00Z","expires_in":3600}""".formatted(token);
    }

    private static String problem(int status, String code, String detail) {
        return """
                {"status":%d,"title":"error","detail":"%s","code":"%s"}""".formatted(status, detail, code);
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Points the console at this fake shop. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String url = get().url();
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "fakeShop",
                            Map.of(
                                    "console.auth-url", url,
                                    "console.order-url", url,
                                    "console.inventory-url", url,
                                    "console.payment-url", url,
                                    "console.trace-url", "http://traces.test/{traceId}",
                                    "console.sample-every", "1h",
                                    "spring.kafka.bootstrap-servers", "127.0.0.1:1")));
        }
    }
}
