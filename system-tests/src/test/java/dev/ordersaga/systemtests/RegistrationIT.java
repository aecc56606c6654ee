package dev.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A newcomer registers through the gateway and orders at once, without any admin help. */
@Order(3)
@ExtendWith(E2eStack.class)
class RegistrationIT {

    @Test
    void a_customer_registered_through_the_gateway_orders_at_once() {
        E2eStack.Running running = E2eStack.get();
        String username = "newcomer" + UUID.randomUUID().toString().substring(0, 8);
        String body = Http.JSON
                .createObjectNode()
                .put("username", username)
                .put("password", "a-long-passphrase")
                .put("email", username + "@example.com")
                .put("name", "New Comer")
                .toString();

        Http.Answer registered = Http.post(running.gateway() + "/api/auth/register", null, body, Map.of());
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String customerId = registered.text("customer_id");
        assertThat(customerId).as(registered.toString()).isNotBlank();

        String token = Http.login(running.gateway(), username, "a-long-passphrase");
        Http.Answer order =
                new Orders(running).order(token, customerId, Orders.MOUSE, 1, "newcomer-" + UUID.randomUUID());

        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        assertThat(order.text("status")).isEqualTo("CONFIRMED");
        assertThat(order.text("customer_id")).isEqualTo(customerId);
    }
}
