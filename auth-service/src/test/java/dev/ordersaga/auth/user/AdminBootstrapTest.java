package dev.ordersaga.auth.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.auth.AuthApi;
import dev.ordersaga.auth.domain.Role;
import dev.ordersaga.auth.domain.User;
import dev.ordersaga.auth.store.UserRepository;
import dev.ordersaga.auth.store.UserStore;
import dev.ordersaga.testsupport.SagaServiceTest;
import java.time.Clock;
import java.util.Set;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.security.crypto.password.PasswordEncoder;

@SagaServiceTest
class AdminBootstrapTest {

    @Autowired
    UserRepository users;

    @Autowired
    UserStore store;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    AdminBootstrap bootstrap;

    private AdminBootstrap bootstrap(String username, String password) {
        return new AdminBootstrap(new AdminSettings(username, password), store, encoder, Clock.systemUTC());
    }

    private static String uniqueUsername(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    @Test
    void the_configured_admin_exists_once_as_admin_without_a_customer_record() {
        User admin = users.findByUsernameKey(AuthApi.ADMIN_USERNAME).orElseThrow();

        assertThat(admin.roles()).containsExactly(Role.ADMIN);
        assertThat(admin.customerId()).isNull();
        assertThat(encoder.matches(AuthApi.ADMIN_PASSWORD, admin.passwordHash()))
                .isTrue();
        assertThat(users.countByUsernameKey(AuthApi.ADMIN_USERNAME)).isEqualTo(1);
    }

    @Test
    void running_the_bootstrap_again_with_the_same_password_changes_nothing() {
        User before = users.findByUsernameKey(AuthApi.ADMIN_USERNAME).orElseThrow();

        bootstrap.run(new DefaultApplicationArguments());

        User after = users.findByUsernameKey(AuthApi.ADMIN_USERNAME).orElseThrow();
        assertThat(users.countByUsernameKey(AuthApi.ADMIN_USERNAME)).isEqualTo(1);
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.passwordHash()).isEqualTo(before.passwordHash());
    }

    @Test
    void a_changed_admin_password_replaces_the_old_one_at_the_next_start() {
        String username = uniqueUsername("ops");
        bootstrap(username, "first-secret-123").run(new DefaultApplicationArguments());
        User first = users.findByUsernameKey(username).orElseThrow();

        bootstrap(username, "rotated-secret-456").run(new DefaultApplicationArguments());

        User rotated = users.findByUsernameKey(username).orElseThrow();
        assertThat(encoder.matches("rotated-secret-456", rotated.passwordHash()))
                .as("the configured password works after the restart")
                .isTrue();
        assertThat(encoder.matches("first-secret-123", rotated.passwordHash()))
                .as("the old password no longer works")
                .isFalse();
        assertThat(rotated.id()).isEqualTo(first.id());
        assertThat(rotated.roles()).containsExactly(Role.ADMIN);
        assertThat(rotated.email()).isEqualTo(first.email());
        assertThat(users.countByUsernameKey(username)).isEqualTo(1);
    }

    @Test
    void an_admin_username_that_belongs_to_a_customer_stops_the_start_and_leaves_the_customer_alone() {
        String username = uniqueUsername("shopper");
        String hash = encoder.encode("customer-own-password");
        users.insert(User.create(
                new ObjectId().toHexString(),
                username,
                username + "@example.com",
                "A Customer",
                hash,
                Set.of(Role.CUSTOMER),
                new ObjectId().toHexString(),
                Clock.systemUTC().instant()));

        assertThatThrownBy(() -> bootstrap(username, "operator-secret-789").run(new DefaultApplicationArguments()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without the ADMIN role");
        User after = users.findByUsernameKey(username).orElseThrow();
        assertThat(after.passwordHash()).isEqualTo(hash);
        assertThat(after.roles()).containsExactly(Role.CUSTOMER);
    }

    @Test
    void a_configured_admin_password_that_breaks_the_policy_stops_the_start() {
        var weak = bootstrap(uniqueUsername("root"), "short");

        assertThatThrownBy(() -> weak.run(new DefaultApplicationArguments()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("password policy")
                .hasMessageNotContaining("short\"");
    }
}
