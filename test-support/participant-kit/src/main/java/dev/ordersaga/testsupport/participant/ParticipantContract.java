package dev.ordersaga.testsupport.participant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.saga.SagaParticipant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The contract every saga participant keeps, run through the real runtime by {@link
 * ParticipantHarness}. A participant's test extends this class, says which histories it handles
 * and how it refuses a late step; the contract then checks, for each history on a fresh order:
 *
 * <ul>
 *   <li><b>redelivery</b>: every event, delivered again right after it was handled, yields the same
 *       events (same ids, same times, same content) and leaves the stored state as it was;
 *   <li><b>a step after the terminal decision is refused</b>: after the order's terminal event, the
 *       participant's step is refused (what it says is checked by {@link Late#refusal}) and a
 *       redelivery of the late step changes nothing either;
 *   <li><b>an event that starts the state is not read first</b>: the first event of a history, if
 *       the participant says it starts the order's state, is decided without reading the order, and
 *       its redelivery is caught by the refused insert (then the order is read), saying the same.
 * </ul>
 *
 * A new event handler is covered by adding a history that contains its event: no harness code.
 *
 * @param <S> the participant's state per order
 */
public abstract class ParticipantContract<S> {

    /** A named sequence of events about one order; the function is given a fresh order id. */
    public record History(String name, Function<String, List<Event>> events) {}

    /**
     * A step that arrives after the order is terminal: {@code events} ends with the late step (the
     * terminal event comes before it); {@code refusal} checks what the participant said for it.
     */
    public record Late(String name, Function<String, List<Event>> events, Consumer<List<Event>> refusal) {

        /** The participant's step ({@code step} makes it for an order id) after order-service cancelled the order at its deadline. */
        public static Late afterCancel(String name, Function<String, Event> step, Consumer<List<Event>> refusal) {
            return new Late(
                    name,
                    order -> List.of(SagaEvents.orderCancelled(order, ReasonCode.SAGA_TIMEOUT), step.apply(order)),
                    refusal);
        }
    }

    /** In a Spring test, the context's participants of this state (its steps bean); null elsewhere. */
    @Autowired
    private ObjectProvider<SagaParticipant<S>> participantBeans;

    /**
     * The participant under test, wired to a real (in-memory) store: by default, in a Spring test,
     * the context's one {@code SagaParticipant} of this state; override it to give another.
     */
    protected SagaParticipant<S> participant() {
        SagaParticipant<S> bean = participantBeans == null ? null : participantBeans.getIfUnique();
        if (bean == null) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + " has no one SagaParticipant bean of its state to test: override participant()");
        }
        return bean;
    }

    /**
     * How many states the runtime keeps in memory between polls, as the service's {@code
     * saga.runtime.cache-states} does: 0 (the default) loads every poll's states. A participant that
     * caches runs the contract both ways (a subclass that overrides this).
     */
    protected int cachedStates() {
        return 0;
    }

    /** A harness for the participant under test, caching as {@link #cachedStates} says. */
    protected final ParticipantHarness<S> harness() {
        return ParticipantHarness.of(participant(), cachedStates());
    }

    /** The event histories the participant handles, each ending in a state worth redelivering into. */
    protected abstract List<History> histories();

    /** Late steps after a terminal decision; none for a participant that acts before any decision. */
    protected List<Late> lateSteps() {
        return List.of();
    }

    @TestFactory
    Stream<DynamicTest> a_redelivered_event_yields_the_same_events_with_the_same_ids_and_changes_nothing() {
        return Stream.concat(
                        histories().stream().map(h -> new Late(h.name(), h.events(), said -> {})), lateSteps().stream())
                .map(history -> DynamicTest.dynamicTest(history.name(), () -> redeliverEachOf(history)));
    }

    @TestFactory
    Stream<DynamicTest> an_event_after_the_order_is_terminal_is_refused() {
        return lateSteps().stream()
                .map(late -> DynamicTest.dynamicTest(late.name(), () -> {
                    List<Event> events = late.events().apply(newOrderId());
                    ParticipantHarness<S> saga = harness();
                    events.subList(0, events.size() - 1).forEach(saga::deliver);
                    List<Event> said = saga.deliver(events.getLast());
                    late.refusal().accept(said);
                    assertThat(saga.deadLettered()).as("dead-lettered").isEmpty();
                }));
    }

    /**
     * The first event of each history, if it starts the order's state ({@link
     * SagaParticipant#startsState}), is decided without a read; delivered again, its write is refused
     * (the insert is the guard), the order is read once, and the redelivery says the same and changes
     * nothing. An event that does not start the state is read first.
     */
    @TestFactory
    Stream<DynamicTest> an_event_that_starts_the_state_is_not_read_first_and_its_insert_guards_a_redelivery() {
        return histories().stream()
                .map(history -> DynamicTest.dynamicTest(history.name(), () -> {
                    Event start = history.events().apply(newOrderId()).getFirst();
                    ParticipantHarness<S> saga = harness();
                    List<Event> first = saga.deliver(start);
                    if (!participant().startsState(start)) {
                        assertThat(saga.read())
                                .as("orders read for %s", start.type())
                                .containsExactly(start.key());
                        return;
                    }
                    assertThat(saga.read())
                            .as("orders read for %s", start.type())
                            .isEmpty();
                    assertThat(saga.refused())
                            .as("writes refused for %s", start.type())
                            .isEmpty();
                    redeliver(history.name(), saga, start, first);
                    assertThat(saga.refused())
                            .as("writes refused when %s is delivered again", start.type())
                            .containsExactly(start.key());
                    assertThat(saga.read())
                            .as("orders read when %s is delivered again", start.type())
                            .containsExactly(start.key());
                    assertThat(saga.deadLettered()).as("dead-lettered").isEmpty();
                }));
    }

    private void redeliverEachOf(Late history) {
        String orderId = newOrderId();
        ParticipantHarness<S> saga = harness();
        for (Event event : history.events().apply(orderId)) {
            redeliver(history.name(), saga, event, saga.deliver(event));
        }
        assertThat(saga.deadLettered()).as("dead-lettered").isEmpty();
    }

    /** Delivers {@code event} again: it must say what it said the first time and leave the state as it is. */
    private void redeliver(String history, ParticipantHarness<S> saga, Event event, List<Event> first) {
        S stored = saga.state(event.key(), event);
        List<Event> again = saga.deliver(event);
        assertThat(again)
                .as("what %s says when %s is delivered again", history, event.type())
                .isEqualTo(first);
        assertThat(saga.state(event.key(), event))
                .as("state after %s is delivered again", event.type())
                .usingRecursiveComparison()
                .isEqualTo(stored);
    }

    /**
     * The usual refusal of a late step, for {@link Late#refusal}: the participant says exactly one
     * event, of this type, whose reason (read by {@code reason}) is {@link
     * ReasonCode#ORDER_ALREADY_TERMINAL}.
     */
    protected static <E extends Event> Consumer<List<Event>> refusedWith(
            Class<E> type, Function<? super E, ReasonCode> reason) {
        return said -> assertThat(said)
                .singleElement()
                .isInstanceOfSatisfying(
                        type,
                        refusal -> assertThat(reason.apply(refusal)).isEqualTo(ReasonCode.ORDER_ALREADY_TERMINAL));
    }

    /** A fresh order id in the gateway's form (a UUID). */
    protected static String newOrderId() {
        return UUID.randomUUID().toString();
    }
}
