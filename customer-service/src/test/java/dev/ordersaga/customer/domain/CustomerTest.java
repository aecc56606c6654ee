package dev.ordersaga.customer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomerTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2026-01-02T10:00:00Z");

    @Test
    void a_new_customer_has_its_profile_and_both_timestamps_at_creation() {
        Customer customer = customer(true);

        assertThat(customer.isActive()).isTrue();
        assertThat(customer.name()).isEqualTo("Klea Test");
        assertThat(customer.createdAt()).isEqualTo(CREATED);
        assertThat(customer.updatedAt()).isEqualTo(CREATED);
    }

    @Test
    void an_active_customer_can_be_deactivated_and_the_change_is_timestamped() {
        Customer customer = customer(true);

        customer.deactivate(LATER);

        assertThat(customer.isActive()).isFalse();
        assertThat(customer.updatedAt()).isEqualTo(LATER);
        assertThat(customer.createdAt()).isEqualTo(CREATED);
    }

    @Test
    void an_inactive_customer_cannot_be_deactivated_again_and_stays_unchanged() {
        Customer customer = customer(false);

        assertThatThrownBy(() -> customer.deactivate(LATER))
                .isInstanceOf(CustomerStatusException.class)
                .hasMessageContaining("already inactive");
        assertThat(customer.isActive()).isFalse();
        assertThat(customer.updatedAt()).isEqualTo(CREATED);
    }

    @Test
    void an_inactive_customer_can_be_activated() {
        Customer customer = customer(false);

        customer.activate(LATER);

        assertThat(customer.isActive()).isTrue();
        assertThat(customer.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void an_active_customer_cannot_be_activated_again() {
        Customer customer = customer(true);

        assertThatThrownBy(() -> customer.activate(LATER))
                .isInstanceOf(CustomerStatusException.class)
                .hasMessageContaining("already active");
        assertThat(customer.updatedAt()).isEqualTo(CREATED);
    }

    @Test
    void changing_to_the_status_it_already_has_is_no_change() {
        Customer customer = customer(true);

        assertThat(customer.changeActive(true, LATER)).isFalse();
        assertThat(customer.updatedAt()).isEqualTo(CREATED);
        assertThat(customer.changeActive(false, LATER)).isTrue();
        assertThat(customer.isActive()).isFalse();
    }

    @Test
    void a_profile_change_keeps_the_status_and_needs_a_name_and_an_email() {
        Customer customer = customer(false);

        customer.changeProfile(" New Name ", "new@example.com", "+355 69 000", List.of(), LATER);

        assertThat(customer.name()).isEqualTo("New Name");
        assertThat(customer.isActive()).isFalse();
        assertThat(customer.updatedAt()).isEqualTo(LATER);
        assertThatThrownBy(() -> customer.changeProfile(" ", "x@example.com", null, null, LATER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> customer.changeProfile("Name", null, null, null, LATER))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_customer_id_must_have_the_object_id_form() {
        assertThatThrownBy(() -> Customer.create("not-an-id", null, "N", "e@x.org", null, null, true, CREATED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(CustomerId.isValid("6849dd2562e5fa1c135a04fb")).isTrue();
        assertThat(CustomerId.isValid("6849DD2562E5FA1C135A04FB")).isFalse();
        assertThat(CustomerId.isValid("{\"$ne\":null}")).isFalse();
        assertThat(CustomerId.isValid("6849dd2562e5fa1c135a04fb\n")).isFalse();
    }

    private static Customer customer(boolean active) {
        return Customer.create(
                "6849dd2562e5fa1c135a04fb",
                "user-1",
                "Klea Test",
                "klea@example.com",
                null,
                List.of(new Address("123 Main St", "City", "State", "12345", "AL")),
                active,
                CREATED);
    }
}
