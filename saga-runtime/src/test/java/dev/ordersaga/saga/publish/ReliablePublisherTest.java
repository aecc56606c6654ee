package dev.ordersaga.saga.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.UserRegistered;
import dev.ordersaga.saga.EventPublisher;
import dev.ordersaga.saga.KafkaSettings;
import dev.ordersaga.support.tracing.SagaTracing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/** Pending events are sent after their write, and sent again by the sweep until the broker took them: same ids. */
class ReliablePublisherTest {

    static final KafkaSettings SETTINGS = new KafkaSettings(
            3,
            (short) 1,
            2,
            Duration.ofMillis(1),
            Duration.ofMillis(200),
            Duration.ZERO,
            1,
            Duration.ofSeconds(1),
            Duration.ofSeconds(6),
            Duration.ofSeconds(1));

    /** Users whose registration is pending until marked sent, as a store would keep them. */
    static final class PendingUsers implements PendingEvents<String> {
        final Set<String> pending = new LinkedHashSet<>();
        final Set<String> failing = new LinkedHashSet<>();

        @Override
        public List<String> due(Instant now, int limit) {
            return pending.stream().limit(limit).toList();
        }

        @Override
        public List<Event> review(String userId, Instant now) {
            if (failing.contains(userId)) {
                throw new IllegalStateException("cannot review " + userId);
            }
            return List.of(registered(userId));
        }

        @Override
        public void sent(String userId, Instant now) {
            pending.remove(userId);
        }

        @Override
        public String key(String userId) {
            return userId;
        }
    }

    @SuppressWarnings("unchecked")
    final KafkaTemplate<Object, Object> template = mock(KafkaTemplate.class);

    final List<ProducerRecord<Object, Object>> sent = new ArrayList<>();
    final PendingUsers users = new PendingUsers();
    final ReliablePublisher reliable =
            new ReliablePublisher(new EventPublisher(template, SETTINGS), SagaTracing.none());
    boolean brokerUp = true;
    int attempts;

    @BeforeEach
    void broker() {
        when(template.send(any(ProducerRecord.class))).thenAnswer(call -> {
            attempts++;
            if (!brokerUp) {
                return CompletableFuture.failedFuture(new TimeoutException("broker away"));
            }
            sent.add(call.getArgument(0));
            return CompletableFuture.completedFuture(mock(SendResult.class));
        });
    }

    @Test
    void events_sent_after_their_write_are_no_longer_pending() {
        users.pending.add("u1");

        assertThat(reliable.publish(users, "u1", List.of(registered("u1")), Instant.now()))
                .isTrue();

        assertThat(sent).hasSize(1);
        assertThat(users.pending).isEmpty();
        assertThat(reliable.sweep("test", users, Instant.now(), 10)).isZero();
        assertThat(sent).hasSize(1);
    }

    @Test
    void events_the_broker_did_not_take_stay_pending_and_the_sweep_sends_them_again_with_the_same_id() {
        users.pending.add("u1");
        brokerUp = false;

        assertThat(reliable.publish(users, "u1", List.of(registered("u1")), Instant.now()))
                .isFalse();
        assertThat(users.pending).containsExactly("u1");
        assertThat(reliable.sweep("test", users, Instant.now(), 10)).isZero();

        brokerUp = true;
        assertThat(reliable.sweep("test", users, Instant.now(), 10)).isEqualTo(1);
        assertThat(sent)
                .singleElement()
                .satisfies(record -> assertThat(((Event) record.value()).eventId())
                        .isEqualTo(EventIds.about("u1", UserRegistered.class)));
        assertThat(users.pending).isEmpty();
    }

    @Test
    void a_crash_between_the_write_and_the_send_is_healed_by_the_sweep_and_nothing_goes_out_twice() {
        // written pending, then the process died before publishing
        users.pending.addAll(List.of("u1", "u2"));

        assertThat(reliable.sweep("test", users, Instant.now(), 10)).isEqualTo(2);
        assertThat(reliable.sweep("test", users, Instant.now(), 10)).isZero();

        assertThat(sent).extracting(record -> String.valueOf(record.key())).containsExactly("u1", "u2");
    }

    @Test
    void an_entry_that_fails_on_its_own_does_not_stop_the_sweep_but_an_outage_does() {
        users.pending.addAll(List.of("bad", "u2"));
        users.failing.add("bad");

        assertThat(reliable.sweep("test", users, Instant.now(), 10)).isEqualTo(1);
        assertThat(users.pending).containsExactly("bad");

        users.failing.clear();
        users.pending.add("u3");
        brokerUp = false;
        int before = attempts;
        assertThat(reliable.sweep("test", users, Instant.now(), 10)).isZero();
        // the first send failed as an outage: the sweep stopped before trying the next entry
        assertThat(attempts - before).isEqualTo(1);
        assertThat(users.pending).containsExactly("bad", "u3");
    }

    static UserRegistered registered(String userId) {
        return new UserRegistered(
                EventIds.about(userId, UserRegistered.class),
                Instant.parse("2026-01-02T03:04:05Z"),
                "user-" + userId,
                userId,
                "name-" + userId,
                userId + "@example.com",
                "Name " + userId,
                UUID.nameUUIDFromBytes(userId.getBytes()).toString());
    }
}
