package dev.ordersaga.customer.saga;

import dev.ordersaga.events.Topics;
import dev.ordersaga.events.UserEvent;
import dev.ordersaga.events.UserRegistered;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A registered user gets their customer record. */
@Component
class UserEventsListener {

    private final UserRegistrations registrations;

    UserEventsListener(UserRegistrations registrations) {
        this.registrations = registrations;
    }

    @KafkaListener(topics = Topics.USER_EVENTS)
    void on(UserEvent event) {
        switch (event) {
            case UserRegistered registered -> registrations.register(registered);
        }
    }
}
