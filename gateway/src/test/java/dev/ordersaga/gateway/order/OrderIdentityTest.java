package dev.ordersaga.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.OrderLine;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderIdentityTest {

    private static final CreateOrderCommand SEED = new CreateOrderCommand(
            "6849dd2562e5fa1c135a04fb",
            List.of(new OrderLine("6849dd2a5b6717b8055f93a9", 1), new OrderLine("6849dd2b5b6717b8055f93aa", 2)),
            "credit_card",
            "123 Main St, City, State 12345",
            "123 Main St, City, State 12345");

    @Test
    void the_same_user_and_key_always_give_the_same_name_based_order_id() {
        String id = OrderIdentity.orderId("user-1", "key-1");

        assertThat(OrderIdentity.orderId("user-1", "key-1")).isEqualTo(id);
        assertThat(UUID.fromString(id).version()).isEqualTo(3);
    }

    @Test
    void another_user_or_another_key_gives_another_order_id() {
        String id = OrderIdentity.orderId("user-1", "key-1");

        assertThat(OrderIdentity.orderId("user-2", "key-1")).isNotEqualTo(id);
        assertThat(OrderIdentity.orderId("user-1", "key-2")).isNotEqualTo(id);
        // user and key are length-prefixed, so shifting characters between them is no collision
        assertThat(OrderIdentity.orderId("ab", "c")).isNotEqualTo(OrderIdentity.orderId("a", "bc"));
    }

    @Test
    void without_a_key_every_request_is_a_new_random_order() {
        String first = OrderIdentity.orderId("user-1", null);

        assertThat(OrderIdentity.orderId("user-1", null)).isNotEqualTo(first);
        assertThat(UUID.fromString(first).version()).isEqualTo(4);
    }

    @Test
    void the_request_hash_is_sha256_hex_and_stable_across_releases() {
        String hash = OrderIdentity.requestHash(SEED);

        assertThat(hash).matches("[0-9a-f]{64}");
        // Pinned: order-service stores this hash with the order, so a change of the canonical form
        // would turn every retry across a gateway upgrade into a 422. The value is the SHA-256 of
        // "create_order/v1\ncustomer_id=24:6849dd2562e5fa1c135a04fb\nlines=6849dd2a5b6717b8055f93a9x1;
        // 6849dd2b5b6717b8055f93aax2;\npayment_method=11:credit_card\nshipping_address=30:123 Main St,
        // City, State 12345\nbilling_address=30:123 Main St, City, State 12345\n" (computed outside Java).
        assertThat(hash).isEqualTo("fd047dba25fb78ee26068993bfe6f64284683afc25e4b856884edd2bf9370e29");
    }

    @Test
    void the_order_of_the_lines_does_not_change_the_hash() {
        var reversed = new CreateOrderCommand(
                SEED.customerId(),
                SEED.lines().reversed(),
                SEED.paymentMethod(),
                SEED.shippingAddress(),
                SEED.billingAddress());

        assertThat(OrderIdentity.requestHash(reversed)).isEqualTo(OrderIdentity.requestHash(SEED));
    }

    @Test
    void every_field_of_the_request_changes_the_hash() {
        String hash = OrderIdentity.requestHash(SEED);
        List<CreateOrderCommand> variants = List.of(
                new CreateOrderCommand(
                        "6849dd2562e5fa1c135a04fc",
                        SEED.lines(),
                        SEED.paymentMethod(),
                        SEED.shippingAddress(),
                        SEED.billingAddress()),
                new CreateOrderCommand(
                        SEED.customerId(),
                        List.of(
                                new OrderLine("6849dd2a5b6717b8055f93a9", 1),
                                new OrderLine("6849dd2b5b6717b8055f93aa", 3)),
                        SEED.paymentMethod(),
                        SEED.shippingAddress(),
                        SEED.billingAddress()),
                new CreateOrderCommand(
                        SEED.customerId(),
                        SEED.lines().subList(0, 1),
                        SEED.paymentMethod(),
                        SEED.shippingAddress(),
                        SEED.billingAddress()),
                new CreateOrderCommand(
                        SEED.customerId(), SEED.lines(), "paypal", SEED.shippingAddress(), SEED.billingAddress()),
                new CreateOrderCommand(
                        SEED.customerId(), SEED.lines(), SEED.paymentMethod(), "1 Other St", SEED.billingAddress()),
                new CreateOrderCommand(
                        SEED.customerId(), SEED.lines(), SEED.paymentMethod(), SEED.shippingAddress(), "1 Other St"),
                // the same text moved from one address to the other is another request
                new CreateOrderCommand(SEED.customerId(), SEED.lines(), SEED.paymentMethod(), "A", "B"));

        assertThat(variants)
                .allSatisfy(v -> assertThat(OrderIdentity.requestHash(v)).isNotEqualTo(hash));
        assertThat(OrderIdentity.requestHash(
                        new CreateOrderCommand(SEED.customerId(), SEED.lines(), SEED.paymentMethod(), "B", "A")))
                .isNotEqualTo(OrderIdentity.requestHash(variants.getLast()));
    }
}
