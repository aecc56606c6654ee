package dev.ordersaga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ordersaga.seed.GatewayClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator against a stub gateway: what a run returns holds every answer it got. */
class LoadGeneratorTest {

    /** Large enough that reading one answer takes the client milliseconds, not microseconds. */
    private static final String PADDING = "x".repeat(4_000_000);

    private HttpServer gateway;
    private final AtomicInteger orders = new AtomicInteger();

    @BeforeEach
    void startStubGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/api/create_order", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"status\":\"CONFIRMED\",\"padding\":\"" + PADDING + "\",\"order_id\":\"o-"
                            + orders.incrementAndGet() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        gateway.start();
    }

    @AfterEach
    void stopStubGateway() {
        gateway.stop(0);
    }

    /**
     * The run ends once no answer is outstanding; the last answer must be in its result by then (an
     * answer let go before it was recorded left its order named by no answer in an end-to-end run).
     */
    @Test
    void a_run_returns_only_once_every_answer_is_recorded() throws InterruptedException {
        var client =
                new GatewayClient("http://127.0.0.1:" + gateway.getAddress().getPort());
        var fixture = new BenchSetup.Fixture(
                List.of(new GatewayClient.Session("buyer", "token", "c-1")), "p-1", "p-2", "9.99", 100);

        for (int run = 0; run < 5; run++) {
            var result = new LoadGenerator(client, fixture, null)
                    .run(new LoadGenerator.Settings(20, 0, Duration.ofSeconds(1), 3, Mix.parse("100,0,0,0"), run, 10));

            assertThat(result.sent()).isEqualTo(3);
            assertThat(result.outcomes()).as("run %d", run).containsEntry(Outcome.CONFIRMED, 3L);
            assertThat(result.acceptedOrderIds()).as("run %d", run).hasSize(3);
        }
        assertThat(orders).hasValue(15);
    }
}
