package dev.ordersaga.auth.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.auth.domain.Role;
import dev.ordersaga.auth.domain.User;
import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.Topics;
import dev.ordersaga.events.UserRegistered;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistrationEventTest {

    private final User user = User.create(
            "6849dd2562e5fa1c135a0001",
            "Klea",
            "Klea@Example.com",
            "Klea K",
            "$2a$10$hash",
            Set.of(Role.CUSTOMER),
            "6849dd2562e5fa1c135a04fb",
            Instant.parse("2026-01-02T03:04:05Z"));

    @Test
    void the_event_carries_the_user_and_the_customer_id_keyed_by_user_id_on_user_events() {
        UserRegistered event = user.registered();

        assertThat(event.userId()).isEqualTo(user.id());
        assertThat(event.customerId()).isEqualTo("6849dd2562e5fa1c135a04fb");
        assertThat(event.username()).isEqualTo("Klea");
        assertThat(event.email()).isEqualTo("Klea@Example.com");
        assertThat(event.name()).isEqualTo("Klea K");
        assertThat(event.occurredAt()).isEqualTo(user.createdAt());
        assertThat(event.key()).isEqualTo(user.id());
        assertThat(event.topic()).isEqualTo(Topics.USER_EVENTS);
    }

    @Test
    void a_re_published_event_has_the_same_event_id() {
        assertThat(user.registered().eventId())
                .isEqualTo(user.registered().eventId())
                .isEqualTo(EventIds.about(user.id(), UserRegistered.class));
    }

    @Test
    void a_user_with_a_customer_record_starts_unpublished_and_one_without_has_nothing_to_publish() {
        User admin = User.create("a1", "root", "root@x.invalid", "Root", "h", Set.of(Role.ADMIN), null, Instant.now());

        assertThat(user.registrationPublished()).isFalse();
        assertThat(admin.registrationPublished()).isTrue();
    }

    @Test
    void usernames_and_emails_are_unique_ignoring_case() {
        assertThat(User.usernameKey("Klea.K")).isEqualTo("klea.k");
        assertThat(User.emailKey(" Klea@Example.COM ")).isEqualTo("klea@example.com");
        assertThat(user.toString()).doesNotContain("hash").doesNotContain("Example");
    }
}
