package dev.ordersaga.auth.user;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the bootstrap admin once (idempotent, also with several instances starting together:
 * the unique index lets one insert win). The admin has no customer record, so nothing is
 * published for it. A configured password that breaks the policy stops the start-up: better than
 * an admin account with a weak password.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AdminSettings settings;
    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final Clock clock;

    AdminBootstrap(AdminSettings settings, UserRepository users, PasswordEncoder encoder, Clock clock) {
        this.settings = settings;
        this.users = users;
        this.encoder = encoder;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        String username = settings.username();
        if (username == null
                || username.isBlank()
                || settings.password() == null
                || settings.password().isBlank()) {
            log.info("no bootstrap admin configured (auth.admin.username / auth.admin.password)");
            return;
        }
        if (!username.matches(UserRules.USERNAME)) {
            throw new IllegalStateException("auth.admin.username " + UserRules.USERNAME_MESSAGE);
        }
        if (users.existsByUsernameKey(User.usernameKey(username))) {
            log.info("bootstrap admin '{}' exists", username);
            return;
        }
        List<String> violations = PasswordPolicy.violations(username, settings.password());
        if (!violations.isEmpty()) {
            throw new IllegalStateException("auth.admin.password breaks the password policy: " + violations);
        }
        User admin = User.create(
                new ObjectId().toHexString(),
                username,
                username + "@admin.invalid",
                "Administrator",
                encoder.encode(settings.password()),
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
