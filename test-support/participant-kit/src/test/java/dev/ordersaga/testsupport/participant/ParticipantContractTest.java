package dev.ordersaga.testsupport.participant;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.OrderCancelled;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.StockRejected;
import dev.ordersaga.events.StockReserved;
import dev.ordersaga.saga.SagaParticipant;
import dev.ordersaga.saga.SagaStep;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/** The contract catches what it promises to catch: run on a participant that keeps it, and on ones that break it. */
class ParticipantContractTest {

    /** A toy participant: an order is "reserved" or "ended"; what it says depends on the flaw given. */
    static final class Toy implements SagaParticipant<String> {
        final Map<String, String> stored = new ConcurrentHashMap<>();
        final boolean randomIds;
        final boolean changesOnRedelivery;
        final boolean acceptsLateSteps;
        /** Whether a reservation starts the order's state (so it is not read first). */
        boolean startsStates;
        /** Whether a new state written over a stored one is refused: the guard of a state not read. */
        boolean refusesDuplicates = true;

        Toy(boolean randomIds, boolean changesOnRedelivery, boolean acceptsLateSteps) {
            this.randomIds = randomIds;
            this.changesOnRedelivery = changesOnRedelivery;
            this.acceptsLateSteps = acceptsLateSteps;
        }

        @Override
        public boolean startsState(Event event) {
            return startsStates && event instanceof StockReserved;
        }

        @Override
        public Map<String, String> load(Map<String, List<Event>> eventsByKey) {
            Map<String, String> found = new HashMap<>();
            eventsByKey.keySet().stream().filter(stored::containsKey).forEach(k -> found.put(k, stored.get(k)));
            return found;
        }

        @Override
        public SagaStep<String> apply(Event event, String state) {
            return switch (event) {
                case StockReserved reserved -> {
                    if ("ended".equals(state) && !acceptsLateSteps) {
                        yield SagaStep.unchanged(state, List.of(refusal(reserved)));
                    }
                    boolean again = state != null;
                    String next = again && changesOnRedelivery ? state + "+" : "reserved";
                    yield new SagaStep<>(next, !again || changesOnRedelivery, List.of(answer(reserved)));
                }
                case OrderCancelled cancelled -> SagaStep.changed("ended", List.of());
                default -> SagaStep.unchanged(state, List.of());
            };
        }

        @Override
        public Set<String> store(Map<String, String> changed) {
            Set<String> refused = new LinkedHashSet<>();
            changed.forEach((key, state) -> {
                // only a reservation on no state writes "reserved": a new state
                if (refusesDuplicates && "reserved".equals(state) && stored.containsKey(key)) {
                    refused.add(key);
                } else {
                    stored.put(key, state);
                }
            });
            return refused;
        }

        private StockRejected answer(StockReserved cause) {
            UUID id = randomIds ? UUID.randomUUID() : EventIds.about(cause.orderId(), StockRejected.class);
            return new StockRejected(
                    id,
                    cause.orderId(),
                    Instant.EPOCH,
                    cause.correlationId(),
                    ReasonCode.INSUFFICIENT_STOCK,
                    List.of(),
                    "toy");
        }

        private static StockRejected refusal(StockReserved cause) {
            return new StockRejected(
                    EventIds.about(cause.orderId(), StockRejected.class),
                    cause.orderId(),
                    Instant.EPOCH,
                    cause.correlationId(),
                    ReasonCode.ORDER_ALREADY_TERMINAL,
                    List.of(),
                    "toy");
        }
    }

    static final class ToyContract extends ParticipantContract<String> {
        final Toy toy;

        ToyContract(Toy toy) {
            this.toy = toy;
        }

        @Override
        protected SagaParticipant<String> participant() {
            return toy;
        }

        @Override
        protected List<History> histories() {
            return List.of(new History(
                    "reserve", order -> List.of(SagaEvents.stockReserved(order, "c", "credit_card", "1.00"))));
        }

        @Override
        protected List<Late> lateSteps() {
            return List.of(Late.afterCancel(
                    "reserve after the end",
                    order -> SagaEvents.stockReserved(order, "c", "credit_card", "1.00"),
                    refusedWith(StockRejected.class, StockRejected::reason)));
        }
    }

    @Test
    void a_participant_that_keeps_the_contract_passes_it() {
        var contract = new ToyContract(new Toy(false, false, false));
        assertThatCode(() -> runAll(contract)).doesNotThrowAnyException();
    }

    @Test
    void an_outcome_said_again_with_a_new_id_fails_the_redelivery_check() {
        var contract = new ToyContract(new Toy(true, false, false));
        assertThatThrownBy(() -> runAll(
                        contract.a_redelivered_event_yields_the_same_events_with_the_same_ids_and_changes_nothing()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("delivered again");
    }

    @Test
    void a_redelivery_that_changes_the_state_fails_the_redelivery_check() {
        var contract = new ToyContract(new Toy(false, true, false));
        assertThatThrownBy(() -> runAll(
                        contract.a_redelivered_event_yields_the_same_events_with_the_same_ids_and_changes_nothing()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("state after");
    }

    @Test
    void a_step_accepted_after_the_end_fails_the_late_step_check() {
        var contract = new ToyContract(new Toy(false, false, true));
        assertThatThrownBy(() -> runAll(contract.an_event_after_the_order_is_terminal_is_refused()))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void a_participant_whose_reservation_starts_the_state_and_whose_insert_is_guarded_passes_it() {
        var toy = new Toy(false, false, false);
        toy.startsStates = true;
        assertThatCode(() -> runAll(new ToyContract(toy))).doesNotThrowAnyException();
    }

    @Test
    void a_start_not_read_first_whose_insert_is_not_guarded_fails_the_start_check() {
        var toy = new Toy(false, false, false);
        toy.startsStates = true;
        toy.refusesDuplicates = false;
        assertThatThrownBy(() -> runAll(new ToyContract(toy)
                        .an_event_that_starts_the_state_is_not_read_first_and_its_insert_guards_a_redelivery()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("writes refused when");
    }

    private static void runAll(ToyContract contract) throws Throwable {
        runAll(contract.a_redelivered_event_yields_the_same_events_with_the_same_ids_and_changes_nothing());
        runAll(contract.an_event_after_the_order_is_terminal_is_refused());
        runAll(contract.an_event_that_starts_the_state_is_not_read_first_and_its_insert_guards_a_redelivery());
    }

    private static void runAll(Stream<DynamicTest> tests) throws Throwable {
        for (DynamicTest test : tests.toList()) {
            test.getExecutable().execute();
        }
    }
}
