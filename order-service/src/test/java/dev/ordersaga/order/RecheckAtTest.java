package dev.ordersaga.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.ordersaga.events.SagaEvent;
import dev.ordersaga.order.config.SagaSettings;
import dev.ordersaga.order.domain.Order;
import dev.ordersaga.order.store.LegacyOpenSagas;
import dev.ordersaga.testsupport.participant.SagaEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The sweep's watch is a field of the order ({@code recheckAt}): found by the sweep's due query,
 * moved or cleared by the sweep only on the version it read (a writer that changed the order
 * meanwhile keeps the look its new state needs), without advancing the version (a copy the saga's
 * writer holds in memory still writes), and folded in from the {@code open_sagas} collection of an
 * earlier version. The looks set here lie an hour ahead, out of the background sweep's way.
 */
class RecheckAtTest extends OrderServiceTestBase {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    SagaSettings settings;

    @Autowired
    LegacyOpenSagas legacy;

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A new order that recorded these events, stored as the saga's writer stores it; read back. */
    private Order stored(SagaEvents.OneOrder saga, List<SagaEvent> events) {
        Order order = Order.startingWith(saga.orderId());
        for (var event : events) {
            order.record(event, now(), settings.timing());
        }
        assertThat(store.storeAll(List.of(order))).as("stale").isEmpty();
        return store.find(order.id()).orElseThrow();
    }

    private Order requested() {
        var saga = SagaEvents.oneOrder(now());
        return stored(saga, List.of(saga.orderRequested("h")));
    }

    private Order read(Order order) {
        return store.find(order.id()).orElseThrow();
    }

    @Test
    void the_due_query_reads_the_orders_whose_look_has_passed_the_longest_waiting_first_and_no_settled_one() {
        var rejected = SagaEvents.oneOrder(now());
        Order settled = stored(rejected, List.of(rejected.orderRequested("h"), rejected.customerRejected()));
        assertThat(settled.isSettled()).isTrue();
        assertThat(settled.recheckAt()).isNull();
        Order later = requested();
        Order sooner = requested();
        Instant hour = now().plus(Duration.ofHours(1));
        assertThat(store.recheckAt(later, hour.plusSeconds(2))).isTrue();
        assertThat(store.recheckAt(sooner, hour.plusSeconds(1))).isTrue();
        Set<String> mine = Set.of(settled.id(), later.id(), sooner.id());

        assertThat(store.due(hour.plusSeconds(3), 10_000))
                .extracting(Order::id)
                .filteredOn(mine::contains)
                .containsExactly(sooner.id(), later.id());
        assertThat(store.due(hour.plusMillis(1500), 10_000))
                .extracting(Order::id)
                .filteredOn(mine::contains)
                .containsExactly(sooner.id());
    }

    @Test
    void a_look_the_sweep_moved_leaves_the_version_so_a_copy_held_in_memory_still_writes_its_own_look() {
        Order order = requested();
        Order cached = read(order);

        assertThat(store.recheckAt(order, now().plus(Duration.ofHours(1)))).isTrue();
        assertThat(read(order).version()).isEqualTo(order.version());

        var saga = SagaEvents.oneOrder(order.id(), now());
        cached.record(saga.customerValidated(), now(), settings.timing());
        assertThat(store.storeAll(List.of(cached))).as("stale").isEmpty();

        // the domain's look (the deadline) replaces the sweep's later one: an extra look, never a missed one
        assertThat(read(order).recheckAt()).isEqualTo(cached.recheckAt()).isEqualTo(order.deadline());
    }

    @Test
    void a_settled_order_stops_being_watched_but_not_if_a_write_unsettled_it_since_the_sweep_read_it() {
        var saga = SagaEvents.oneOrder(now());
        Order rejected = stored(saga, List.of(saga.orderRequested("h"), saga.customerRejected()));
        // as when the sweep's later look lands after the write that settled the order
        assertThat(store.recheckAt(rejected, now().plus(Duration.ofHours(1)))).isTrue();
        Order sweptCopy = read(rejected);
        assertThat(sweptCopy.isSettled()).isTrue();

        // meanwhile a capture nobody should have made is recorded: the refund is owed
        Order writer = read(rejected);
        writer.record(saga.paymentCompleted(), now(), settings.timing());
        assertThat(store.storeAll(List.of(writer))).as("stale").isEmpty();

        assertThat(store.closeWatch(sweptCopy))
                .as("the close of a version that changed")
                .isFalse();
        assertThat(read(rejected).recheckAt()).isNotNull().isEqualTo(writer.recheckAt());

        Order refunded = read(rejected);
        refunded.record(saga.paymentRefunded(), now(), settings.timing());
        assertThat(store.storeAll(List.of(refunded))).as("stale").isEmpty();
        assertThat(read(rejected).recheckAt())
                .as("settled by the refund's write")
                .isNull();
        assertThat(store.recheckAt(read(rejected), now().plus(Duration.ofHours(1))))
                .isTrue();
        assertThat(store.closeWatch(read(rejected))).isTrue();
        assertThat(read(rejected).recheckAt()).isNull();
    }

    @Test
    void an_open_sagas_collection_of_an_earlier_version_is_folded_into_the_orders_and_dropped() {
        // the sweep folds once per process (nothing to fold in a new store): done before the collection exists,
        // so the fold below is this test's alone
        legacy.foldOnce();
        // an order the earlier version wrote: open, its look kept apart in open_sagas
        Order unwatched = requested();
        mongo.updateFirst(query(where("_id").is(unwatched.id())), new Update().unset("recheckAt"), Order.class);
        assertThat(read(unwatched).recheckAt()).isNull();
        Order watched = requested();
        String vanished = SagaEvents.newOrderId();
        Date overdueLook = Date.from(now().minusSeconds(1));
        mongo.insert(
                List.of(
                        new Document("_id", unwatched.id())
                                .append("deadline", Date.from(unwatched.deadline()))
                                .append("recheckAt", overdueLook),
                        new Document("_id", watched.id())
                                .append(
                                        "recheckAt",
                                        Date.from(watched.deadline().plus(Duration.ofHours(2)))),
                        new Document("_id", vanished).append("recheckAt", overdueLook)),
                "open_sagas");

        assertThat(legacy.foldIntoOrders()).isEqualTo(3);

        assertThat(mongo.collectionExists("open_sagas")).isFalse();
        assertThat(read(watched).recheckAt()).as("the earlier look is kept").isEqualTo(watched.deadline());
        assertThat(store.find(vanished))
                .as("no order made up for an entry without one")
                .isEmpty();
        // the folded look is due: the sweep looks at the order and, as it is not overdue, sets its deadline
        await().atMost(PATIENCE)
                .until(() -> unwatched.deadline().equals(read(unwatched).recheckAt()));
        assertThat(legacy.foldIntoOrders()).as("once folded, nothing is left").isZero();
    }
}
