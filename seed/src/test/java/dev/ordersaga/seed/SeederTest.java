package dev.ordersaga.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The seeder against a stub gateway (the JDK's HttpServer) that behaves like the real APIs: 201, then 409. */
class SeederTest {

    private HttpServer server;
    private final Set<String> stored = Collections.synchronizedSet(new HashSet<>());
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger unavailableAnswersLeft = new AtomicInteger();
    private volatile int loginStatus = 200;

    @BeforeEach
    void startStubGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/auth/login", exchange -> {
            requests.add("POST /api/auth/login");
            JsonNode body = SeedData.JSON.readTree(exchange.getRequestBody());
            boolean admin = body.path("username").asString("").equals("admin")
                    && body.path("password").asString("").equals("admin12345");
            if (loginStatus != 200 || !admin) {
                answer(exchange, loginStatus == 200 ? 401 : loginStatus, "{\"code\":\"BAD_CREDENTIALS\"}");
            } else {
                answer(exchange, 200, "{\"token\":\"admin-token\",\"expires_at\":\"2030-01-01T00:00:00Z\"}");
            }
        });
        server.createContext("/api/auth/users", exchange -> create(exchange, "user:", "username"));
        server.createContext("/api/customers", exchange -> create(exchange, "customer:", "id"));
        server.createContext("/api/products", exchange -> create(exchange, "product:", "id"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void create(HttpExchange exchange, String kind, String idField) throws IOException {
        requests.add(
                exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        if (unavailableAnswersLeft.getAndDecrement() > 0) {
            answer(exchange, 503, "{\"code\":\"SERVICE_UNAVAILABLE\"}");
            return;
        }
        JsonNode body = SeedData.JSON.readTree(exchange.getRequestBody());
        String id = body.path(idField).asString("");
        if (id.isBlank()) {
            answer(exchange, 400, "{\"code\":\"VALIDATION_FAILED\"}");
        } else if (stored.add(kind + id)) {
            answer(exchange, 201, body.toString());
        } else {
            answer(exchange, 409, "{\"code\":\"ALREADY_EXISTS\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private Seeder seeder() {
        return new Seeder("http://127.0.0.1:" + server.getAddress().getPort(), "admin", "admin12345", null);
    }

    @Test
    void first_run_creates_every_document_as_the_admin() {
        SeedData data = SeedData.bundled();

        SeedReport report = seeder().seed(data);

        int total =
                data.customers().size() + data.users().size() + data.products().size();
        assertThat(report.created()).isEqualTo(total);
        assertThat(report.existing()).isZero();
        assertThat(stored).contains("user:klea", "customer:6849dd2562e5fa1c135a04fb");
        assertThat(authorizations).hasSize(total).allMatch("Bearer admin-token"::equals);
        // customers before the users that link to them
        assertThat(requests.indexOf("POST /api/customers")).isLessThan(requests.indexOf("POST /api/auth/users"));
    }

    @Test
    void second_run_creates_nothing_because_everything_answers_409() {
        SeedData data = SeedData.bundled();
        seeder().seed(data);
        Set<String> afterFirstRun = Set.copyOf(stored);

        SeedReport second = seeder().seed(data);

        assertThat(second.created()).isZero();
        assertThat(second.existing()).isEqualTo(afterFirstRun.size());
        assertThat(stored).isEqualTo(afterFirstRun);
        assertThat(second.counts().get("products").existing())
                .isEqualTo(data.products().size());
    }

    @Test
    void a_route_still_starting_is_retried() {
        unavailableAnswersLeft.set(3);

        SeedReport report = seeder().seed(SeedData.bundled());

        assertThat(report.existing()).isZero();
        assertThat(stored).contains("product:6849dd2a5b6717b8055f93a9");
    }

    @Test
    void refused_admin_login_fails_with_a_message_naming_the_settings() {
        Seeder wrongPassword =
                new Seeder("http://127.0.0.1:" + server.getAddress().getPort(), "admin", "nope", null);

        assertThatThrownBy(() -> wrongPassword.seed(SeedData.bundled()))
                .isInstanceOf(Seeder.SeedException.class)
                .hasMessageContaining("AUTH_ADMIN_PASSWORD");
        assertThat(stored).isEmpty();
    }

    @Test
    void any_other_error_stops_the_run_and_names_the_request() {
        server.removeContext("/api/products");
        server.createContext("/api/products", exchange -> answer(exchange, 400, "{\"code\":\"VALIDATION_FAILED\"}"));

        assertThatThrownBy(() -> seeder().seed(SeedData.bundled()))
                .isInstanceOf(Seeder.SeedException.class)
                .hasMessageContaining("/api/products")
                .hasMessageContaining("400")
                .hasMessageContaining("VALIDATION_FAILED");
    }

    @Test
    void a_list_is_read_page_by_page_from_its_items_until_a_page_is_not_full() {
        List<String> pages = Collections.synchronizedList(new ArrayList<>());
        server.createContext("/api/orders", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            pages.add(query);
            int page = Integer.parseInt(query.replaceAll(".*page=(\\d+).*", "$1"));
            List<String> items = new ArrayList<>();
            for (int i = page * 100; i < Math.min(250, page * 100 + 100); i++) {
                items.add("{\"order_id\":\"o-" + i + "\"}");
            }
            answer(
                    exchange,
                    200,
                    "{\"items\":" + items + ",\"page\":" + page
                            + ",\"size\":100,\"total_elements\":250,\"total_pages\":3}");
        });
        server.createContext("/api/other", exchange -> answer(exchange, 200, "{\"content\":[]}"));
        GatewayClient gateway =
                new GatewayClient("http://127.0.0.1:" + server.getAddress().getPort());
        GatewayClient.Session admin = new GatewayClient.Session("admin", "admin-token", null);

        List<JsonNode> orders = gateway.all(admin, "api/orders?status=CONFIRMED");

        assertThat(orders).hasSize(250);
        assertThat(orders.getFirst().get("order_id").asString()).isEqualTo("o-0");
        assertThat(orders.getLast().get("order_id").asString()).isEqualTo("o-249");
        assertThat(pages)
                .containsExactly(
                        "status=CONFIRMED&page=0&size=100",
                        "status=CONFIRMED&page=1&size=100",
                        "status=CONFIRMED&page=2&size=100");
        assertThatThrownBy(() -> gateway.all(admin, "api/other"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no list in the answer of api/other");
    }
}
