package dev.ordersaga.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.events.OrderStatusChanged;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.SagaEvent;
import dev.ordersaga.order.domain.OrderTransitions.IllegalTransitionException;
import dev.ordersaga.testsupport.participant.SagaEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OrderTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration REPUBLISH_AFTER = Duration.ofSeconds(5);
    private static final SagaTiming TIMING = new SagaTiming(DEADLINE, REPUBLISH_AFTER);
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private final SagaEvents.OneOrder events = SagaEvents.oneOrder(T0);

    private static Order record(Order order, List<? extends SagaEvent> sequence) {
        Instant now = T0.plusMillis(10);
        for (SagaEvent event : sequence) {
            order.record(event, now, TIMING);
            now = now.plusMillis(10);
        }
        return order;
    }

    private Order recorded(SagaEvent... sequence) {
        return record(Order.startingWith(events.orderId()), List.of(sequence));
    }

    // --- every arrival order of every outcome ---------------------------------------------------

    record Scenario(
            String name,
            Function<SagaEvents.OneOrder, List<SagaEvent>> events,
            OrderStatus status,
            ReasonCode reason,
            List<String> productIds) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> everyOrderingOfEveryScenario() {
        List<Scenario> scenarios = List.of(
                new Scenario(
                        "confirmed",
                        e -> List.of(
                                e.orderRequested("h"), e.customerValidated(), e.stockReserved(), e.paymentCompleted()),
                        OrderStatus.CONFIRMED,
                        null,
                        List.of()),
                new Scenario(
                        "customer rejected",
                        e -> List.of(e.orderRequested("h"), e.customerRejected()),
                        OrderStatus.REJECTED,
                        ReasonCode.CUSTOMER_INACTIVE,
                        List.of()),
                new Scenario(
                        "stock rejected",
                        e -> List.of(e.orderRequested("h"), e.customerValidated(), e.stockRejected()),
                        OrderStatus.REJECTED,
                        ReasonCode.INSUFFICIENT_STOCK,
                        List.of(SagaEvents.PRODUCT_B)),
                new Scenario(
                        "payment failed",
                        e -> List.of(
                                e.orderRequested("h"),
                                e.customerValidated(),
                                e.stockReserved(),
                                e.paymentFailed(),
                                e.stockReleased()),
                        OrderStatus.REJECTED,
                        ReasonCode.PAYMENT_DECLINED,
                        List.of()));
        List<Arguments> all = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            int n = scenario.events().apply(SagaEvents.oneOrder(T0)).size();
            for (List<Integer> ordering : permutations(n)) {
                all.add(Arguments.of(scenario, ordering));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} in order {1}")
    @MethodSource("everyOrderingOfEveryScenario")
    void every_arrival_order_ends_in_the_same_single_decision(Scenario scenario, List<Integer> ordering) {
        List<SagaEvent> saga = scenario.events().apply(events);
        Order order = Order.startingWith(events.orderId());
        List<Recorded> results = new ArrayList<>();
        List<OrderStatus> statuses = new ArrayList<>();
        Instant now = T0.plusMillis(10);
        for (int index : ordering) {
            results.add(order.record(saga.get(index), now, TIMING));
            statuses.add(order.status());
            if (!order.isTerminal()) {
                assertThat(order.recheckAt())
                        .as("an undecided order's next look")
                        .isEqualTo(order.deadline());
            }
            now = now.plusMillis(10);
        }

        assertThat(order.status()).isEqualTo(scenario.status());
        assertThat(order.reason()).isEqualTo(scenario.reason());
        assertThat(order.productIds()).isEqualTo(scenario.productIds());
        assertThat(results).containsOnlyOnce(Recorded.DECISION).doesNotContain(Recorded.REDELIVERY);
        // The decision is taken by the last event that completes the facts, never before the request.
        assertThat(results.indexOf(Recorded.DECISION)).isGreaterThanOrEqualTo(ordering.indexOf(0));
        // Nothing but PENDING until the request is recorded.
        assertThat(statuses.subList(0, ordering.indexOf(0))).allMatch(s -> s == OrderStatus.PENDING);
        assertThat(order.timeline()).hasSize(saga.size() + 1);
        assertThat(order.timeline())
                .filteredOn(e -> e.service().equals(Order.SERVICE))
                .hasSize(1);
        assertThat(order.decidedAt()).isNotNull();
        assertThat(order.customerId()).isEqualTo(events.customerId());
        assertThat(order.requestHash()).isEqualTo("h");
        // a confirmation waits for the commit (looked at again from the deadline, the decision being
        // younger than that); a rejection here holds nothing (the stock was released)
        if (order.status() == OrderStatus.CONFIRMED) {
            assertThat(order.isSettled()).isFalse();
            assertThat(order.recheckAt()).isEqualTo(order.republishAt(TIMING)).isEqualTo(order.deadline());
        } else {
            assertThat(order.isSettled()).isTrue();
            assertThat(order.recheckAt()).isNull();
        }
    }

    @Test
    void a_confirmed_order_carries_the_reserved_lines_total_and_payment() {
        Order order = recorded(
                events.orderRequested("h"),
                events.customerValidated(),
                events.stockReserved(),
                events.paymentCompleted());

        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.lines()).isEqualTo(SagaEvents.PRICED);
        assertThat(order.total()).isEqualTo(SagaEvents.TOTAL);
        assertThat(order.paymentId()).isEqualTo(events.paymentId());
        assertThat(order.lastStep()).isEqualTo("PaymentCompleted");
        assertThat(order.timeline())
                .extracting(TimelineEntry::type)
                .containsExactly(
                        "OrderRequested", "CustomerValidated", "StockReserved", "PaymentCompleted", "OrderConfirmed");
        assertThat(order.timeline())
                .extracting(TimelineEntry::service)
                .containsExactly(
                        "gateway", "customer-service", "inventory-service", "payment-service", "order-service");
    }

    @Test
    void a_failed_payment_waits_in_compensating_until_the_stock_is_released() {
        Order order = recorded(
                events.orderRequested("h"), events.customerValidated(), events.stockReserved(), events.paymentFailed());

        assertThat(order.status()).isEqualTo(OrderStatus.COMPENSATING);
        assertThat(order.reason()).isEqualTo(ReasonCode.PAYMENT_DECLINED);
        assertThat(order.decidedAt()).isNull();

        Recorded released = order.record(events.stockReleased(), T0.plusSeconds(1), TIMING);

        assertThat(released).isEqualTo(Recorded.DECISION);
        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(order.reason()).isEqualTo(ReasonCode.PAYMENT_DECLINED);
        assertThat(order.detail()).isEqualTo("Declined by the test card.");
    }

    // --- placeholders ---------------------------------------------------------------------------

    @Test
    void facts_before_the_request_are_kept_on_a_placeholder_that_decides_nothing() {
        Order order = recorded(events.customerValidated(), events.stockReserved(), events.paymentCompleted());

        assertThat(order.isRequested()).isFalse();
        assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(order.customerId()).isNull();
        assertThat(order.timeline()).hasSize(3);

        Recorded result = order.record(events.orderRequested("h"), T0.plusSeconds(1), TIMING);

        assertThat(result).isEqualTo(Recorded.DECISION);
        assertThat(order.isRequested()).isTrue();
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.customerId()).isEqualTo(events.customerId());
        assertThat(order.lastStep()).isEqualTo("OrderRequested");
    }

    // --- replies to the gateway ------------------------------------------------------------------

    @Test
    void the_customers_validation_gets_no_reply_the_gateway_reads_it_itself_but_the_next_step_does() {
        Order order = recorded(events.orderRequested("h"));
        var validated = events.customerValidated();

        Recorded step = order.record(validated, T0.plusSeconds(1), TIMING);

        assertThat(order.status()).isEqualTo(OrderStatus.CUSTOMER_VALIDATED);
        assertThat(replies(order.eventsAfter(step, validated))).isEmpty();
        var reserved = events.stockReserved();
        Recorded next = order.record(reserved, T0.plusSeconds(2), TIMING);
        assertThat(replies(order.eventsAfter(next, reserved)))
                .extracting(OrderStatusChanged::status)
                .containsExactly(OrderStatus.STOCK_RESERVED);
    }

    @Test
    void a_request_recorded_after_the_customers_validation_gets_no_reply_either() {
        var validated = events.customerValidated();
        Order order = recorded(validated);
        var request = events.orderRequested("h");

        Recorded step = order.record(request, T0.plusSeconds(1), TIMING);

        assertThat(order.status()).isEqualTo(OrderStatus.CUSTOMER_VALIDATED);
        assertThat(replies(order.eventsAfter(step, request)))
                .as("the gateway reads the validation on customer-events itself")
                .isEmpty();
    }

    @Test
    void a_request_recorded_after_the_reservation_is_replied_to_it_is_news_to_the_gateway() {
        Order order = recorded(events.customerValidated(), events.stockReserved());
        var request = events.orderRequested("h");

        Recorded step = order.record(request, T0.plusSeconds(1), TIMING);

        assertThat(replies(order.eventsAfter(step, request)))
                .extracting(OrderStatusChanged::status)
                .containsExactly(OrderStatus.STOCK_RESERVED);
    }

    @Test
    void a_customers_answer_that_decides_the_order_is_replied_to() {
        Order order = recorded(events.orderRequested("h"));
        var rejected = events.customerRejected();

        Recorded decision = order.record(rejected, T0.plusSeconds(1), TIMING);

        assertThat(decision).isEqualTo(Recorded.DECISION);
        assertThat(replies(order.eventsAfter(decision, rejected)))
                .extracting(OrderStatusChanged::status)
                .containsExactly(OrderStatus.REJECTED);
    }

    private static List<OrderStatusChanged> replies(List<Event> said) {
        return said.stream()
                .filter(OrderStatusChanged.class::isInstance)
                .map(OrderStatusChanged.class::cast)
                .toList();
    }

    // --- idempotency ----------------------------------------------------------------------------

    @Test
    void a_redelivered_event_changes_nothing() {
        var validated = events.customerValidated();
        Order order = recorded(events.orderRequested("h"), validated);
        int timeline = order.timeline().size();
        Instant updated = order.updatedAt();

        assertThat(order.record(validated, T0.plusSeconds(5), TIMING)).isEqualTo(Recorded.REDELIVERY);
        assertThat(order.timeline()).hasSize(timeline);
        assertThat(order.updatedAt()).isEqualTo(updated);
    }

    @Test
    void a_redelivered_deciding_event_does_not_decide_twice() {
        var paid = events.paymentCompleted();
        Order order = recorded(events.orderRequested("h"), events.customerValidated(), events.stockReserved(), paid);
        Instant decided = order.decidedAt();

        assertThat(order.record(paid, T0.plusSeconds(5), TIMING)).isEqualTo(Recorded.REDELIVERY);
        assertThat(order.decidedAt()).isEqualTo(decided);
        assertThat(order.timeline()).extracting(TimelineEntry::type).containsOnlyOnce("OrderConfirmed");
    }

    @Test
    void the_same_request_again_is_a_retry_that_changes_nothing() {
        Order order = recorded(events.orderRequested("hash-1"), events.customerValidated());
        int timeline = order.timeline().size();
        Instant updated = order.updatedAt();

        Recorded again = order.record(events.orderRequested("hash-1"), T0.plusSeconds(2), TIMING);

        assertThat(again).isEqualTo(Recorded.SAME_REQUEST);
        assertThat(again.changed()).isFalse();
        assertThat(order.status()).isEqualTo(OrderStatus.CUSTOMER_VALIDATED);
        assertThat(order.timeline()).hasSize(timeline);
        assertThat(order.updatedAt()).isEqualTo(updated);
    }

    @Test
    void another_request_under_the_same_order_id_is_told_apart_and_changes_nothing() {
        Order order = recorded(events.orderRequested("hash-1"));

        Recorded other = order.record(events.orderRequested("hash-2"), T0.plusSeconds(2), TIMING);

        assertThat(other).isEqualTo(Recorded.DIFFERENT_REQUEST);
        assertThat(other.changed()).isFalse();
        assertThat(order.requestHash()).isEqualTo("hash-1");
        assertThat(order.timeline()).hasSize(1);
    }

    @Test
    void a_request_redelivered_with_its_own_event_id_is_a_redelivery() {
        var request = events.orderRequested("hash-1");
        Order order = recorded(request);

        assertThat(order.record(request, T0.plusSeconds(2), TIMING)).isEqualTo(Recorded.REDELIVERY);
    }

    // --- after the decision ---------------------------------------------------------------------

    @Test
    void late_facts_after_the_decision_are_recorded_but_change_no_status() {
        Order order = recorded(
                events.orderRequested("h"),
                events.customerValidated(),
                events.stockReserved(),
                events.paymentCompleted());

        assertThat(order.record(events.stockCommitted(), T0.plusSeconds(3), TIMING))
                .isEqualTo(Recorded.STEP);
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.lastStep()).isEqualTo("StockCommitted");
        assertThat(order.facts().stockCommitted()).isTrue();
    }

    @Test
    void a_step_the_state_machine_does_not_allow_is_refused_and_leaves_the_order_as_it_was() {
        Order order = recorded(events.orderRequested("h"), events.customerValidated(), events.paymentCompleted());
        assertThat(order.status()).isEqualTo(OrderStatus.PAYMENT_COMPLETED);

        assertThatThrownBy(() -> order.record(events.paymentFailed(), T0.plusSeconds(3), TIMING))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(order.status()).isEqualTo(OrderStatus.PAYMENT_COMPLETED);
        assertThat(order.facts().paymentFailed()).isNull();
        assertThat(order.timeline()).hasSize(3);
    }

    // --- cancel and deadline --------------------------------------------------------------------

    @Test
    void an_undecided_order_can_be_cancelled_once() {
        Order order = recorded(events.orderRequested("h"), events.customerValidated());

        order.cancel(ReasonCode.CANCELLED_ON_REQUEST, "by the customer", T0.plusSeconds(1), TIMING);

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.reason()).isEqualTo(ReasonCode.CANCELLED_ON_REQUEST);
        assertThat(order.lastStep()).isEqualTo("OrderCancelled");
        assertThat(order.timeline().getLast().type()).isEqualTo("OrderCancelled");
        assertThatThrownBy(() -> order.cancel(ReasonCode.CANCELLED_ON_REQUEST, "again", T0.plusSeconds(2), TIMING))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void the_deadline_runs_from_the_customers_request() {
        Order order = recorded(events.orderRequested("h"));

        assertThat(order.createdAt()).isEqualTo(T0);
        assertThat(order.deadline()).isEqualTo(T0.plus(DEADLINE));
        assertThat(order.isOverdue(T0.plus(DEADLINE))).isFalse();
        assertThat(order.isOverdue(T0.plus(DEADLINE).plusMillis(1))).isTrue();
    }

    @Test
    void a_request_stamped_in_the_future_gets_no_more_time_than_from_now() {
        var skewed = SagaEvents.oneOrder(T0.plusSeconds(3600));
        Order order = Order.startingWith(skewed.orderId());

        order.record(skewed.orderRequested("h"), T0, TIMING);

        assertThat(order.deadline()).isEqualTo(T0.plus(DEADLINE));
    }

    @Test
    void a_placeholders_clock_moves_back_to_the_request_when_it_arrives() {
        var later = SagaEvents.oneOrder(T0.plusSeconds(2));
        Order order = Order.startingWith(later.orderId());
        order.record(later.customerValidated(), T0.plusSeconds(3), TIMING);
        assertThat(order.deadline()).isEqualTo(T0.plusSeconds(2).plus(DEADLINE));
        assertThat(order.recheckAt())
                .as("a placeholder is looked at at its deadline")
                .isEqualTo(order.deadline());

        var early = SagaEvents.oneOrder(T0);
        var request = new dev.ordersaga.events.OrderRequested(
                java.util.UUID.randomUUID(),
                later.orderId(),
                T0,
                "corr-1",
                later.customerId(),
                "user-1",
                SagaEvents.LINES,
                "credit_card",
                "a",
                "b",
                "h");
        order.record(request, T0.plusSeconds(4), TIMING);

        assertThat(early.at()).isEqualTo(order.createdAt());
        assertThat(order.deadline()).isEqualTo(T0.plus(DEADLINE));
        assertThat(order.recheckAt())
                .as("the look moves back with the deadline")
                .isEqualTo(T0.plus(DEADLINE));
    }

    @Test
    void only_an_overdue_undecided_order_expires() {
        Order order = recorded(events.orderRequested("h"), events.customerValidated());

        assertThatThrownBy(() -> order.expire(T0.plusSeconds(10), TIMING)).isInstanceOf(IllegalStateException.class);

        order.expire(T0.plus(DEADLINE).plusSeconds(1), TIMING);

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.reason()).isEqualTo(ReasonCode.SAGA_TIMEOUT);
        assertThat(order.isOverdue(T0.plus(DEADLINE).plusSeconds(2))).isFalse();
    }

    @Test
    void a_decided_order_is_never_overdue() {
        Order order = recorded(events.orderRequested("h"), events.customerRejected());

        assertThat(order.isOverdue(T0.plus(DEADLINE).plusSeconds(60))).isFalse();
    }

    // --- the sweep's next look (recheckAt) ---------------------------------------------------------

    @Test
    void a_confirmed_order_is_looked_at_from_its_deadline_until_the_stock_is_committed() {
        Order order = recorded(
                events.orderRequested("h"),
                events.customerValidated(),
                events.stockReserved(),
                events.paymentCompleted());
        assertThat(order.decidedAt().plus(REPUBLISH_AFTER)).isBefore(order.deadline());
        assertThat(order.recheckAt()).isEqualTo(order.deadline());

        order.record(events.stockCommitted(), T0.plusSeconds(3), TIMING);

        assertThat(order.isSettled()).isTrue();
        assertThat(order.recheckAt()).as("settled: nothing left to look at").isNull();
    }

    @Test
    void an_order_decided_after_its_deadline_is_looked_at_republish_after_later() {
        Order order = recorded(events.orderRequested("h"), events.customerValidated(), events.stockReserved());
        Instant late = T0.plus(DEADLINE).plusSeconds(10);

        order.record(events.paymentCompleted(), late, TIMING);

        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.recheckAt()).isEqualTo(order.republishAt(TIMING)).isEqualTo(late.plus(REPUBLISH_AFTER));
    }

    @Test
    void a_compensation_is_looked_at_until_every_holder_has_acknowledged_it() {
        Order order = recorded(events.orderRequested("h"), events.customerValidated(), events.stockReserved());
        order.cancel(ReasonCode.CANCELLED_ON_REQUEST, "by the customer", T0.plusSeconds(1), TIMING);
        assertThat(order.recheckAt()).isEqualTo(T0.plus(DEADLINE));

        // a payment captured before the cancel reached payment-service: its refund is owed too
        order.record(events.paymentCompleted(), T0.plusSeconds(60), TIMING);
        order.record(events.stockReleased(), T0.plusSeconds(61), TIMING);
        assertThat(order.recheckAt())
                .as("the refund is still owed: still looked at")
                .isEqualTo(T0.plus(DEADLINE));

        order.record(events.paymentRefunded(), T0.plusSeconds(62), TIMING);
        assertThat(order.recheckAt()).isNull();
    }

    @Test
    void a_decision_with_nothing_held_needs_no_look_until_a_late_capture_brings_it_back() {
        Order order = recorded(events.orderRequested("h"), events.customerRejected());
        assertThat(order.isSettled()).isTrue();
        assertThat(order.recheckAt()).isNull();

        order.record(events.paymentCompleted(), T0.plusSeconds(60), TIMING);

        assertThat(order.isSettled()).isFalse();
        assertThat(order.recheckAt())
                .as("due at once: the decision and the deadline are past")
                .isEqualTo(order.republishAt(TIMING))
                .isBefore(T0.plusSeconds(60));
    }

    @Test
    void an_expired_order_with_nothing_held_needs_no_look_one_holding_stock_does() {
        Order nothingHeld = recorded(events.orderRequested("h"), events.customerValidated());
        nothingHeld.expire(T0.plus(DEADLINE).plusSeconds(1), TIMING);
        assertThat(nothingHeld.recheckAt()).isNull();

        Order stockHeld = recorded(events.orderRequested("h"), events.customerValidated(), events.stockReserved());
        Instant expired = T0.plus(DEADLINE).plusSeconds(1);
        stockHeld.expire(expired, TIMING);
        assertThat(stockHeld.recheckAt()).isEqualTo(expired.plus(REPUBLISH_AFTER));
    }

    @Test
    void a_redelivery_or_a_repeated_request_leaves_the_look_as_it_was() {
        var validated = events.customerValidated();
        Order order = recorded(events.orderRequested("h"), validated);
        Instant look = order.recheckAt();

        order.record(validated, T0.plus(DEADLINE).plusSeconds(5), TIMING);
        order.record(events.orderRequested("h"), T0.plus(DEADLINE).plusSeconds(6), TIMING);

        assertThat(order.recheckAt()).isEqualTo(look).isEqualTo(order.deadline());
    }

    private static List<List<Integer>> permutations(int n) {
        List<List<Integer>> out = new ArrayList<>();
        permute(new ArrayList<>(), n, out);
        return out;
    }

    private static void permute(List<Integer> prefix, int n, List<List<Integer>> out) {
        if (prefix.size() == n) {
            out.add(List.copyOf(prefix));
            return;
        }
        for (int i = 0; i < n; i++) {
            if (!prefix.contains(i)) {
                prefix.add(i);
                permute(prefix, n, out);
                prefix.removeLast();
            }
        }
    }
}
