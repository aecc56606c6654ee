package dev.ordersaga.auth.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.auth.AuthApi;
import dev.ordersaga.testsupport.SagaServiceTest;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.security.crypto.password.PasswordEncoder;

@SagaServiceTest
class AdminBootstrapTest {

    @Autowired
    UserRepository users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    AdminBootstrap bootstrap;

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
    void running_the_bootstrap_again_changes_nothing() {
        User before = users.findByUsernameKey(AuthApi.ADMIN_USERNAME).orElseThrow();

        bootstrap.run(new DefaultApplicationArguments());

        User after = users.findByUsernameKey(AuthApi.ADMIN_USERNAME).orElseThrow();
        assertThat(users.countByUsernameKey(AuthApi.ADMIN_USERNAME)).isEqualTo(1);
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.passwordHash()).isEqualTo(before.passwordHash());
    }

    @Test
    void a_configured_admin_password_that_breaks_the_policy_stops_the_start() {
        var weak = new AdminBootstrap(
                new AdminSettings("root-" + System.nanoTime(), "short"), users, encoder, Clock.systemUTC());

        assertThatThrownBy(() -> weak.run(new DefaultApplicationArguments()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("password policy")
                .hasMessageNotContaining("short\"");
    }
}
