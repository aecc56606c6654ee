package dev.ordersaga.customer.saga;

import dev.ordersaga.customer.domain.CustomerActivity;
import dev.ordersaga.customer.domain.CustomerCheck;
import dev.ordersaga.customer.domain.CustomerId;
import dev.ordersaga.customer.domain.CustomerVerdict;
import dev.ordersaga.customer.domain.OrderValidation;
import dev.ordersaga.customer.store.CustomerStore;
import dev.ordersaga.events.Event;
import dev.ordersaga.events.EventTime;
import dev.ordersaga.events.OrderRequested;
import dev.ordersaga.saga.SagaParticipant;
import dev.ordersaga.saga.SagaStep;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Saga step 2 on the saga runtime: is the order's customer there and active? Per batch: one query
 * for the customers the new requests name, one bulk insert of the new answers (an answer is never
 * changed: the first one wins, a racing writer's insert fails and its request gets the stored
 * answer). A request starts its order's answer ({@link #startsState}), so the answers already
 * given are not read first: the insert of a redelivered or repeated request fails, and the runtime
 * reads the stored answer (one query more) and says it again.
 */
@Component
public class OrderValidationSteps implements SagaParticipant<CustomerCheck> {

    private static final Logger log = LoggerFactory.getLogger(OrderValidationSteps.class);

    private final CustomerStore store;
    private final Clock clock;
    private final Meter.MeterProvider<Counter> validations;

    OrderValidationSteps(CustomerStore store, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.clock = clock;
        // built once: each count only names its tags (no builder per record)
        this.validations = Counter.builder("saga.customer.validations").withRegistry(meters);
    }

    /** A request has no answer yet, unless it is a redelivery or a repeat: its insert says so. */
    @Override
    public boolean startsState(Event event) {
        return event instanceof OrderRequested;
    }

    @Override
    public Map<String, CustomerCheck> load(Map<String, List<Event>> eventsByOrder) {
        return load(eventsByOrder, Set.of());
    }

    /** The answers of the orders that may have one, and for every order without one its customer. */
    @Override
    public Map<String, CustomerCheck> load(Map<String, List<Event>> eventsByOrder, Set<String> unread) {
        Set<String> answered = new HashSet<>(eventsByOrder.keySet());
        answered.removeAll(unread);
        Map<String, OrderValidation> answers = answered.isEmpty() ? Map.of() : store.answersOf(answered);
        // Only ids that are ids at all reach the query: nothing from the request is a query operator.
        Set<String> customerIds = eventsByOrder.entrySet().stream()
                .filter(entry -> !answers.containsKey(entry.getKey()))
                .flatMap(entry -> entry.getValue().stream())
                .filter(OrderRequested.class::isInstance)
                .map(event -> ((OrderRequested) event).customerId())
                .filter(CustomerId::isValid)
                .collect(Collectors.toSet());
        Map<String, CustomerActivity> customers = store.activityOf(customerIds);
        Map<String, CustomerCheck> checks = new HashMap<>();
        eventsByOrder.forEach((orderId, events) -> {
            String customerId = events.stream()
                    .filter(OrderRequested.class::isInstance)
                    .map(event -> ((OrderRequested) event).customerId())
                    .findFirst()
                    .orElse(null);
            checks.put(
                    orderId, new CustomerCheck(answers.get(orderId), Optional.ofNullable(customers.get(customerId))));
        });
        return checks;
    }

    @Override
    public SagaStep<CustomerCheck> apply(Event event, CustomerCheck check) {
        if (!(event instanceof OrderRequested request)) {
            throw new IllegalArgumentException("customer-service does not validate " + event.type());
        }
        if (check.answer() != null) {
            log.debug(
                    "order {}: {} (stored answer re-emitted)",
                    request.orderId(),
                    check.answer().outcome());
            count(check.answer(), true);
            return SagaStep.unchanged(check, List.of(check.answer().toEvent()));
        }
        OrderValidation answer = OrderValidation.decide(request, CustomerVerdict.of(check.customer()), now());
        log.debug("order {} customer {}: {}", answer.orderId(), answer.customerId(), answer.outcome());
        return SagaStep.changed(check.answered(answer), List.of(answer.toEvent()));
    }

    /**
     * Inserts the new answers; each one stored is counted here, not when decided: an answer decided
     * for a redelivered request (not read first) is refused and the stored one is said instead.
     */
    @Override
    public Set<String> store(Map<String, CustomerCheck> changed) {
        Set<String> stale = store.insertAnswers(
                changed.values().stream().map(CustomerCheck::answer).toList());
        changed.values().stream()
                .map(CustomerCheck::answer)
                .filter(answer -> !stale.contains(answer.orderId()))
                .forEach(answer -> count(answer, false));
        return stale;
    }

    private void count(OrderValidation answer, boolean repeat) {
        validations
                .withTags(
                        "outcome",
                        answer.reason() == null ? "VALIDATED" : answer.reason().name(),
                        "repeat",
                        Boolean.toString(repeat))
                .increment();
    }

    // MongoDB keeps milliseconds: the answer first published must equal the answer read back later.
    private Instant now() {
        return EventTime.now(clock);
    }
}
