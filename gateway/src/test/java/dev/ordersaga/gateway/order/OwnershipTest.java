package dev.ordersaga.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.support.security.Caller;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OwnershipTest {

    private static final String MINE = "6849dd2562e5fa1c135a04fb";
    private static final String OTHER = "6849dd2562e5fa1c135a04fc";

    @Test
    void a_customer_orders_only_for_the_customer_record_linked_to_the_user() {
        Caller customer = new Caller("u-1", "klea", Set.of(Caller.CUSTOMER), MINE);

        assertThat(CreateOrderService.mayOrderFor(customer, MINE)).isTrue();
        assertThat(CreateOrderService.mayOrderFor(customer, OTHER)).isFalse();
    }

    @Test
    void an_admin_orders_for_anyone() {
        Caller admin = new Caller("a-1", "admin", Set.of(Caller.ADMIN), null);

        assertThat(CreateOrderService.mayOrderFor(admin, OTHER)).isTrue();
    }

    @Test
    void a_token_without_a_customer_role_or_without_a_linked_customer_orders_for_nobody() {
        assertThat(CreateOrderService.mayOrderFor(new Caller("u-2", "x", Set.of(), MINE), MINE))
                .isFalse();
        assertThat(CreateOrderService.mayOrderFor(new Caller("u-3", "y", Set.of(Caller.CUSTOMER), null), MINE))
                .isFalse();
    }
}
