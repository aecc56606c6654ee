package dev.ordersaga.order.domain;

import static dev.ordersaga.events.OrderStatus.CANCELLED;
import static dev.ordersaga.events.OrderStatus.PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.order.domain.OrderTransitions.IllegalTransitionException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OrderTransitionsTest {

    /** The state machine as the README draws it; every pair not listed here must be refused. */
    private static final Map<OrderStatus, Set<OrderStatus>> SPEC = parse("""
            PENDING            -> CUSTOMER_VALIDATED STOCK_RESERVED PAYMENT_COMPLETED COMPENSATING CONFIRMED REJECTED CANCELLED
            CUSTOMER_VALIDATED -> STOCK_RESERVED PAYMENT_COMPLETED COMPENSATING CONFIRMED REJECTED CANCELLED
            STOCK_RESERVED     -> PAYMENT_COMPLETED COMPENSATING CONFIRMED REJECTED CANCELLED
            PAYMENT_COMPLETED  -> CONFIRMED CANCELLED
            COMPENSATING       -> REJECTED CANCELLED
            CONFIRMED          ->
            REJECTED           ->
            CANCELLED          ->
            """);

    /** One line a status: {@code FROM -> TO TO ...}. */
    private static Map<OrderStatus, Set<OrderStatus>> parse(String table) {
        Map<OrderStatus, Set<OrderStatus>> spec = new EnumMap<>(OrderStatus.class);
        for (String line : table.strip().split("\n")) {
            String[] fromAndTo = line.split("->", -1);
            Set<OrderStatus> to = EnumSet.noneOf(OrderStatus.class);
            for (String name : fromAndTo[1].trim().split("\\s+")) {
                if (!name.isEmpty()) {
                    to.add(OrderStatus.valueOf(name));
                }
            }
            spec.put(OrderStatus.valueOf(fromAndTo[0].trim()), to);
        }
        return spec;
    }

    static Stream<Arguments> allowedPairs() {
        return everyPair().filter(a -> SPEC.get((OrderStatus) a.get()[0]).contains((OrderStatus) a.get()[1]));
    }

    static Stream<Arguments> refusedPairs() {
        return everyPair().filter(a -> !SPEC.get((OrderStatus) a.get()[0]).contains((OrderStatus) a.get()[1]));
    }

    private static Stream<Arguments> everyPair() {
        return Arrays.stream(OrderStatus.values())
                .flatMap(from -> Arrays.stream(OrderStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1} is allowed")
    @MethodSource("allowedPairs")
    void an_allowed_transition_passes_the_guard(OrderStatus from, OrderStatus to) {
        assertThat(OrderTransitions.allowed(from, to)).isTrue();
        assertThatCode(() -> OrderTransitions.check(from, to)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} -> {1} is refused")
    @MethodSource("refusedPairs")
    void a_refused_transition_is_stopped_by_the_guard(OrderStatus from, OrderStatus to) {
        assertThat(OrderTransitions.allowed(from, to)).isFalse();
        assertThatThrownBy(() -> OrderTransitions.check(from, to))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining(from + " to " + to);
    }

    @Test
    void the_table_covers_all_64_pairs_22_allowed_and_42_refused() {
        assertThat(allowedPairs().count() + refusedPairs().count()).isEqualTo(64);
        assertThat(allowedPairs().count()).isEqualTo(22);
    }

    @Test
    void a_decided_order_never_changes_and_every_undecided_one_can_be_cancelled() {
        for (OrderStatus status : OrderStatus.values()) {
            if (status.terminal()) {
                assertThat(OrderTransitions.next(status)).as(status.name()).isEmpty();
            } else {
                assertThat(OrderTransitions.next(status)).as(status.name()).contains(CANCELLED);
            }
        }
    }

    @Test
    void no_status_goes_back_to_itself_or_to_pending() {
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(OrderTransitions.allowed(status, status))
                    .as(status.name())
                    .isFalse();
            assertThat(OrderTransitions.allowed(status, PENDING))
                    .as(status.name())
                    .isFalse();
        }
    }
}
