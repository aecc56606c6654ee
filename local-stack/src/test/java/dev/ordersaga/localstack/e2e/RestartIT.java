package dev.ordersaga.localstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.localstack.Component;
import dev.ordersaga.localstack.Stack;
import dev.ordersaga.seed.SeedReport;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** ./stack down && ./stack up: orders, users, stock and issued tokens are all still there. */
@Order(5)
@ExtendWith(E2eStack.class)
class RestartIT {

    @Test
    void data_and_tokens_survive_a_restart_of_the_whole_stack_and_seeding_again_changes_nothing() {
        E2eStack.Running running = E2eStack.get();
        Orders orders = new Orders(running);
        String product = orders.newProduct(20, "7.00");
        Http.Answer confirmed =
                orders.order(running.customerToken(), Orders.KLEA_CUSTOMER, product, 3, "restart-" + UUID.randomUUID());
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(201);
        String orderId = confirmed.text("order_id");
        orders.awaitInventoryInvariants();
        String stockBefore = orders.product(product).toString();

        Stack stack = running.stack();
        stack.down();
        assertThat(Arrays.stream(Component.values())
                        .filter(c -> stack.process(c).isPresent()))
                .isEmpty();
        stack.up();

        // the token issued before the restart still works (the signing key is on disk)
        Http.Answer order = Http.get(running.gateway() + "/api/orders/" + orderId, running.customerToken());
        assertThat(order.status()).as(order.toString()).isEqualTo(200);
        assertThat(order.text("status")).isEqualTo("CONFIRMED");
        assertThat(orders.product(product).toString()).isEqualTo(stockBefore);
        assertThat(Http.login(running.gateway(), "klea", "password123")).isNotBlank();

        SeedReport again = stack.seed();
        assertThat(again.created()).isZero();
        assertThat(again.existing()).isPositive();
    }
}
