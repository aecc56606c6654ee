package dev.ordersaga.auth.user;

import dev.ordersaga.auth.domain.Role;
import dev.ordersaga.auth.domain.User;
import dev.ordersaga.auth.store.UserStore;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Makes the configured admin exist with the configured password at every start (idempotent, also
 * with several instances starting together: the unique index lets one insert win, and two
 * instances resetting the password at once both store a hash of the same password). The admin
 * has no customer record, so nothing is published for it.
 *
 * <p>The configured password wins over the stored one: an operator who changes
 * {@code AUTH_ADMIN_PASSWORD} (a leaked secret, a first deployment that kept the dev default)
 * must not find the old password still working after the restart. A configured password that
 * breaks the policy stops the start-up: better than an admin account with a weak password. A
 * configured username that belongs to a user without the ADMIN role stops it too: resetting that
 * user's password would hand their account to whoever holds the admin secret.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AdminSettings settings;
    private final UserStore users;
    private final PasswordEncoder encoder;
    private final Clock clock;

    AdminBootstrap(AdminSettings settings, UserStore users, PasswordEncoder encoder, Clock clock) {
        this.settings = settings;
        this.users = users;
        this.encoder = encoder;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        String username = settings.username();
        String password = settings.password();
        if (username == null || username.isBlank() || password == null || password.isBlank()) {
            log.info("no bootstrap admin configured (auth.admin.username / auth.admin.password)");
            return;
        }
        if (!username.matches(UserRules.USERNAME)) {
            throw new IllegalStateException("auth.admin.username " + UserRules.USERNAME_MESSAGE);
        }
        List<String> violations = PasswordPolicy.violations(username, password);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("auth.admin.password breaks the password policy: " + violations);
        }
        users.findByUsername(username)
                .ifPresentOrElse(existing -> keepPasswordCurrent(existing, password), () -> create(username, password));
    }

    private void keepPasswordCurrent(User existing, String password) {
        if (!existing.roles().contains(Role.ADMIN)) {
            throw new IllegalStateException("auth.admin.username '" + existing.username()
                    + "' is a user without the ADMIN role; configure another admin username");
        }
        if (encoder.matches(password, existing.passwordHash())) {
            log.info("bootstrap admin '{}' exists", existing.username());
            return;
        }
        // One field, by id: nothing else of the account (roles, email) is touched by a restart.
        users.setPasswordHash(existing.id(), encoder.encode(password));
        log.warn("bootstrap admin '{}': password reset to the configured auth.admin.password", existing.username());
    }

    private void create(String username, String password) {
        User admin = User.create(
                users.newId(),
                username,
                username + "@admin.invalid",
                "Administrator",
                encoder.encode(password),
                Set.of(Role.ADMIN),
                null,
                clock.instant());
        try {
            users.insert(admin);
            log.info("created bootstrap admin '{}'", username);
        } catch (DuplicateKeyException raced) {
            log.info("bootstrap admin '{}' was created by another instance", username);
        }
    }
}
