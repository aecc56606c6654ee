package dev.ordersaga.auth.user;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-publishes {@code UserRegistered} for users whose event the broker never acknowledged. With
 * several instances two may publish the same user at once: the event id is the same, and
 * customer-service creates the customer once (it is idempotent on the user id).
 */
@Component
public class UnpublishedRegistrations implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(UnpublishedRegistrations.class);

    private final RegistrationOutbox outbox;
    private final RegistrationSettings settings;
    private final Clock clock;
    private volatile boolean closing;

    public UnpublishedRegistrations(RegistrationOutbox outbox, RegistrationSettings settings, Clock clock) {
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${auth.registration.republish-interval:10s}",
            initialDelayString = "${auth.registration.republish-interval:10s}")
    public void sweep() {
        if (closing) {
            return; // the database may already be gone; a sweep now would only block the shutdown
        }
        try {
            republish(clock.instant().minus(settings.republishAfter()));
        } catch (RuntimeException e) {
            // Broker or database away: the next sweep tries again.
            log.warn("re-publishing registrations failed: {}", e.toString());
        }
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        closing = true;
    }

    /** Publishes every pending registration created before {@code createdBefore}; returns how many went out. */
    public int republish(Instant createdBefore) {
        int published = 0;
        for (User user : outbox.unpublished(createdBefore, settings.batchSize())) {
            if (!outbox.publish(user)) {
                break; // the broker is not taking events; stop and wait for the next sweep
            }
            published++;
        }
        if (published > 0) {
            log.info("re-published UserRegistered for {} user(s)", published);
        }
        return published;
    }
}
