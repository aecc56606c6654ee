package dev.ordersaga.testsupport.participant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.Event;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The kit's two scripts of one order tell the same saga: every event {@link SagaScript} writes as
 * JSON reads, by the events' own Jackson annotations, into the record {@link SagaEvents#oneOrder} makes
 * for the same order (all but the event id, which is new for every event).
 */
class SagaScriptTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Step(String name, Function<SagaScript, String> json, Function<SagaEvents.OneOrder, Event> event) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> everyStep() {
        return Stream.of(
                        new Step("OrderRequested", s -> s.orderRequested("h"), e -> e.orderRequested("h")),
                        new Step("CustomerValidated", SagaScript::customerValidated, e -> e.customerValidated()),
                        new Step("CustomerRejected", SagaScript::customerRejected, e -> e.customerRejected()),
                        new Step("StockReserved", SagaScript::stockReserved, e -> e.stockReserved()),
                        new Step("StockRejected", SagaScript::stockRejected, e -> e.stockRejected()),
                        new Step("StockReleased", SagaScript::stockReleased, e -> e.stockReleased()),
                        new Step("StockCommitted", SagaScript::stockCommitted, e -> e.stockCommitted()),
                        new Step("PaymentCompleted", SagaScript::paymentCompleted, e -> e.paymentCompleted()),
                        new Step("PaymentFailed", SagaScript::paymentFailed, e -> e.paymentFailed()),
                        new Step("PaymentRefunded", SagaScript::paymentRefunded, e -> e.paymentRefunded()))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStep")
    void the_json_reads_as_the_record_of_the_same_order(Step step) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var script = new SagaScript().at(at);
        var records = new SagaEvents.OneOrder(script.orderId, script.customerId, at);

        String json = step.json().apply(script);
        Event read = JSON.readValue(json, Event.class);

        assertThat(read.type()).isEqualTo(step.name());
        assertThat(read.eventId()).hasToString(script.lastEventId());
        assertThat(read.correlationId()).isEqualTo(script.correlationId);
        assertThat(read)
                .usingRecursiveComparison()
                .ignoringFields("eventId")
                .isEqualTo(step.event().apply(records));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStep")
    void every_call_is_a_new_event(Step step) {
        var script = new SagaScript();
        var records = SagaEvents.oneOrder(script.orderId, Instant.now());

        String first = step.json().apply(script);
        String firstId = script.lastEventId();
        String second = step.json().apply(script);

        assertThat(script.lastEventId()).isNotEqualTo(firstId);
        assertThat(second.replace(script.lastEventId(), firstId)).isEqualTo(first);
        assertThat(step.event().apply(records).eventId())
                .isNotEqualTo(step.event().apply(records).eventId());
    }
}
