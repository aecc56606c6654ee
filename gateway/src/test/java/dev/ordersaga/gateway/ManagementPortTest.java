package dev.ordersaga.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

/** The operator's way to the gateway's metrics, as the README says: a management port on loopback. */
@TestPropertySource(
        properties = {
            "management.server.port=0",
            "management.server.address=127.0.0.1",
            "management.endpoints.web.exposure.include=health,prometheus"
        })
class ManagementPortTest extends GatewayIntegrationTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void metrics_are_served_on_the_management_port_and_not_on_the_public_one() {
        HttpResponse<String> management =
                send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                        .GET());
        HttpResponse<String> public_ = send(get("/actuator/prometheus"));

        assertThat(management.statusCode()).isEqualTo(200);
        assertThat(management.body()).contains("gateway_orders_waiting");
        assertThat(public_.statusCode()).isNotEqualTo(200);
        assertThat(public_.body()).doesNotContain("gateway_orders_waiting");
    }
}
