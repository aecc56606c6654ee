package dev.ordersaga.payment.saga;

import static dev.ordersaga.testsupport.participant.SagaEvents.newCustomerId;
import static dev.ordersaga.testsupport.participant.SagaEvents.newOrderId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.Money;
import dev.ordersaga.events.PaymentCompleted;
import dev.ordersaga.events.PaymentEvent;
import dev.ordersaga.events.PaymentFailed;
import dev.ordersaga.events.PaymentRefunded;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.StockReserved;
import dev.ordersaga.events.Topics;
import dev.ordersaga.payment.domain.Payment;
import dev.ordersaga.payment.domain.PaymentStatus;
import dev.ordersaga.payment.domain.Refund;
import dev.ordersaga.payment.store.PaymentStore;
import dev.ordersaga.testsupport.BrokerTest;
import dev.ordersaga.testsupport.KafkaTestClient.Received;
import dev.ordersaga.testsupport.SagaServiceTest;
import dev.ordersaga.testsupport.participant.ParticipantHarness;
import dev.ordersaga.testsupport.participant.Race;
import dev.ordersaga.testsupport.participant.SagaEvents;
import dev.ordersaga.testsupport.participant.SagaJson;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/** The payment step and its compensation, driven over a real broker by the JSON the producers send. */
@SagaServiceTest
class PaymentSagaTest extends BrokerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Set<String> CHARGE_OUTCOMES = Set.of("PaymentCompleted", "PaymentFailed");

    @Autowired
    PaymentStore store;

    @Autowired
    PaymentSteps steps;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MeterRegistry meters;

    @ParameterizedTest(name = "{0} for {1} -> {2} {3}")
    @CsvSource({
        "credit_card,        12.50,    PaymentCompleted, ,                       CAPTURED",
        "bank_transfer,      10000.00, PaymentCompleted, ,                       CAPTURED",
        "test_declined_card, 12.50,    PaymentFailed,    PAYMENT_DECLINED,       DECLINED",
        "bitcoin,            12.50,    PaymentFailed,    INVALID_PAYMENT_METHOD, DECLINED",
        "paypal,             10000.01, PaymentFailed,    AMOUNT_LIMIT_EXCEEDED,  DECLINED"
    })
    void each_rule_end_to_end_stores_one_record_and_publishes_its_outcome(
            String method, String total, String type, String reason, PaymentStatus status) {
        String orderId = newOrderId();
        String customerId = newCustomerId();

        kafka.send(Topics.INVENTORY_EVENTS, orderId, SagaJson.stockReserved(orderId, customerId, method, total));

        Received outcome = kafka.await(Topics.PAYMENT_EVENTS, orderId, type);
        Payment stored = store.findByOrderId(orderId).orElseThrow();
        assertThat(stored.status()).isEqualTo(status);
        assertThat(stored.amount()).isEqualTo(Money.of(total, "EUR"));
        assertThat(stored.customerId()).isEqualTo(customerId);
        assertThat(stored.paymentMethod()).isEqualTo(method);

        JsonNode event = outcome.json();
        assertThat(outcome.headers())
                .containsEntry("event_type", type)
                .containsEntry("correlation_id", "corr-" + orderId);
        assertThat(event.get("event_id").asString())
                .isEqualTo(EventIds.about(
                                orderId, type.equals("PaymentCompleted") ? PaymentCompleted.class : PaymentFailed.class)
                        .toString());
        assertThat(event.get("order_id").asString()).isEqualTo(orderId);
        assertThat(event.get("payment_id").asString()).isEqualTo(stored.id());
        assertThat(event.get("amount").get("amount").decimalValue()).isEqualByComparingTo(total);
        assertThat(event.get("amount").get("currency").asString()).isEqualTo("EUR");
        if (reason == null) {
            assertThat(event.get("payment_method").asString()).isEqualTo(method);
            assertThat(stored.reason()).isNull();
        } else {
            assertThat(event.get("reason").asString()).isEqualTo(reason);
            assertThat(event.get("detail").asString()).isNotBlank();
            assertThat(stored.reason()).isEqualTo(ReasonCode.valueOf(reason));
        }
    }

    @Test
    void money_is_stored_as_decimal128_with_snake_case_fields_never_as_a_double() {
        String orderId = newOrderId();

        kafka.send(
                Topics.INVENTORY_EVENTS, orderId, SagaJson.stockReserved(orderId, newCustomerId(), "paypal", "0.10"));
        kafka.await(Topics.PAYMENT_EVENTS, orderId, "PaymentCompleted");

        Document raw = mongo.getCollection("payments")
                .find(new Document("order_id", orderId))
                .first();
        assertThat(raw).isNotNull();
        Document amount = raw.get("amount", Document.class);
        assertThat(amount.get("amount")).isInstanceOf(Decimal128.class);
        assertThat(((Decimal128) amount.get("amount")).bigDecimalValue()).isEqualTo(new BigDecimal("0.10"));
        assertThat(amount.get("currency")).isEqualTo("EUR");
        assertThat(raw.keySet()).contains("customer_id", "payment_method", "status", "created_at");
    }

    @Test
    void a_redelivered_stock_reserved_finds_the_record_and_re_emits_the_same_outcome_without_charging_again() {
        String orderId = newOrderId();
        UUID causeId = UUID.randomUUID();
        String json = SagaJson.stockReserved(causeId, orderId, newCustomerId(), "credit_card", "12.50", "EUR");

        kafka.send(Topics.INVENTORY_EVENTS, orderId, json);
        kafka.send(Topics.INVENTORY_EVENTS, orderId, json);
        // inventory re-publishing after a crash may even carry another event id: still one charge
        kafka.send(
                Topics.INVENTORY_EVENTS,
                orderId,
                SagaJson.stockReserved(UUID.randomUUID(), orderId, newCustomerId(), "paypal", "99.00", "EUR"));

        List<Received> outcomes = awaitCount(Topics.PAYMENT_EVENTS, orderId, CHARGE_OUTCOMES, 3);
        assertThat(outcomes).extracting(Received::type).containsOnly("PaymentCompleted");
        assertThat(outcomes)
                .extracting(Received::value)
                .containsOnly(outcomes.getFirst().value());
        assertThat(outcomes.getFirst().json().get("amount").get("amount").decimalValue())
                .isEqualByComparingTo("12.50");
        assertThat(recordsOf(orderId)).isEqualTo(1);
    }

    @Test
    void a_redelivered_declined_stock_reserved_re_emits_the_same_failure() {
        String orderId = newOrderId();
        String json = SagaJson.stockReserved(orderId, newCustomerId(), "test_declined_card", "12.50");

        kafka.send(Topics.INVENTORY_EVENTS, orderId, json);
        kafka.send(Topics.INVENTORY_EVENTS, orderId, json);

        List<Received> outcomes = awaitCount(Topics.PAYMENT_EVENTS, orderId, CHARGE_OUTCOMES, 2);
        assertThat(outcomes)
                .extracting(Received::value)
                .containsOnly(outcomes.getFirst().value());
        assertThat(outcomes.getFirst().json().get("reason").asString()).isEqualTo("PAYMENT_DECLINED");
        assertThat(recordsOf(orderId)).isEqualTo(1);
    }

    @Test
    void order_cancelled_after_payment_completed_refunds_once_even_when_the_cancel_is_duplicated() {
        String orderId = newOrderId();
        String stockReserved = SagaJson.stockReserved(orderId, newCustomerId(), "debit_card", "45.90");
        kafka.send(Topics.INVENTORY_EVENTS, orderId, stockReserved);
        String paymentId = kafka.await(Topics.PAYMENT_EVENTS, orderId, "PaymentCompleted")
                .json()
                .get("payment_id")
                .asString();

        String cancel = SagaJson.orderCancelled(orderId, "SAGA_TIMEOUT");
        kafka.send(Topics.ORDER_EVENTS, orderId, cancel);
        Received refund = kafka.await(Topics.PAYMENT_EVENTS, orderId, "PaymentRefunded");
        Instant refundedAt = store.findByOrderId(orderId).orElseThrow().refund().refundedAt();
        kafka.send(Topics.ORDER_EVENTS, orderId, cancel);
        kafka.send(Topics.ORDER_EVENTS, orderId, SagaJson.orderRejected(orderId, "SAGA_TIMEOUT"));

        List<Received> refunds = awaitCount(Topics.PAYMENT_EVENTS, orderId, Set.of("PaymentRefunded"), 3);
        assertThat(refunds).extracting(Received::value).containsOnly(refund.value());
        JsonNode event = refund.json();
        assertThat(event.get("event_id").asString())
                .isEqualTo(EventIds.about(orderId, PaymentRefunded.class).toString());
        assertThat(event.get("payment_id").asString()).isEqualTo(paymentId);
        assertThat(event.get("amount").get("amount").decimalValue()).isEqualByComparingTo("45.90");
        Payment stored = store.findByOrderId(orderId).orElseThrow();
        assertThat(stored.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(stored.refund()).isEqualTo(new Refund(refundedAt, ReasonCode.SAGA_TIMEOUT));

        // a StockReserved redelivered after the refund gets its old answer and charges nothing
        kafka.send(Topics.INVENTORY_EVENTS, orderId, stockReserved);
        List<Received> charges = awaitCount(Topics.PAYMENT_EVENTS, orderId, CHARGE_OUTCOMES, 2);
        assertThat(charges)
                .extracting(Received::value)
                .containsOnly(charges.getFirst().value());
        assertThat(store.findByOrderId(orderId).orElseThrow().status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(recordsOf(orderId)).isEqualTo(1);
    }

    @Test
    void a_stock_reserved_arriving_after_order_cancelled_is_not_charged() {
        String orderId = newOrderId();
        String customerId = newCustomerId();

        kafka.send(Topics.ORDER_EVENTS, orderId, SagaJson.orderCancelled(orderId, "CANCELLED_ON_REQUEST"));
        Payment voided = Awaitility.await()
                .atMost(PATIENCE)
                .until(() -> store.findByOrderId(orderId).orElse(null), p -> p != null);
        assertThat(voided.status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(voided.reason()).isEqualTo(ReasonCode.CANCELLED_ON_REQUEST);
        assertThat(voided.amount()).isNull();

        String late = SagaJson.stockReserved(orderId, customerId, "credit_card", "12.50");
        kafka.send(Topics.INVENTORY_EVENTS, orderId, late);
        kafka.send(Topics.INVENTORY_EVENTS, orderId, late);

        List<Received> outcomes = awaitCount(Topics.PAYMENT_EVENTS, orderId, CHARGE_OUTCOMES, 2);
        assertThat(outcomes).extracting(Received::type).containsOnly("PaymentFailed");
        assertThat(outcomes)
                .extracting(Received::value)
                .containsOnly(outcomes.getFirst().value());
        JsonNode failed = outcomes.getFirst().json();
        assertThat(failed.get("reason").asString()).isEqualTo("ORDER_ALREADY_TERMINAL");
        assertThat(failed.get("payment_id").asString()).isEqualTo(voided.id());
        assertThat(failed.get("amount").get("amount").decimalValue()).isEqualByComparingTo("12.50");
        Payment stored = store.findByOrderId(orderId).orElseThrow();
        assertThat(stored.status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(stored.customerId()).isEqualTo(customerId);
        assertThat(stored.amount()).isEqualTo(Money.of("12.50", "EUR"));
        assertThat(recordsOf(orderId)).isEqualTo(1);
    }

    @Test
    void events_payment_does_not_act_on_are_consumed_without_effect_or_dead_letter() {
        String orderId = newOrderId();
        String customerId = newCustomerId();
        kafka.send(Topics.INVENTORY_EVENTS, orderId, """
                {"type":"StockRejected","event_id":"%s","order_id":"%s","occurred_at":"2026-11-24T10:00:00Z",\
                "correlation_id":"c","reason":"INSUFFICIENT_STOCK","product_ids":["%s"]}""".formatted(UUID.randomUUID(), orderId, SagaJson.PRODUCT));
        kafka.send(Topics.INVENTORY_EVENTS, orderId, SagaJson.stockReserved(orderId, customerId, "paypal", "5.00"));
        String paymentId = kafka.await(Topics.PAYMENT_EVENTS, orderId, "PaymentCompleted")
                .json()
                .get("payment_id")
                .asString();

        // same key, same partition: the confirmation is handled before the cancel that follows it
        kafka.send(Topics.ORDER_EVENTS, orderId, SagaJson.orderConfirmed(orderId, customerId, paymentId));
        kafka.send(Topics.ORDER_EVENTS, orderId, SagaJson.orderCancelled(orderId, "CANCELLED_ON_REQUEST"));
        kafka.await(Topics.PAYMENT_EVENTS, orderId, "PaymentRefunded");

        assertThat(kafka.records(Topics.PAYMENT_EVENTS, orderId))
                .extracting(Received::type)
                .containsExactly("PaymentCompleted", "PaymentRefunded");
        assertThat(kafka.records(Topics.deadLetter(Topics.INVENTORY_EVENTS), orderId))
                .isEmpty();
        assertThat(kafka.records(Topics.deadLetter(Topics.ORDER_EVENTS), orderId))
                .isEmpty();
    }

    @Test
    void payment_never_reads_the_types_it_does_not_handle_it_passes_them_over_by_their_header() {
        String orderId = newOrderId();
        String customerId = newCustomerId();
        // What a confirmed order brings payment besides its StockReserved: StockCommitted and
        // OrderConfirmed. Here their bodies are not even JSON: read, they would be dead-lettered.
        kafka.send(Topics.INVENTORY_EVENTS, orderId, "not { json", Map.of("event_type", "StockCommitted"));
        kafka.send(Topics.ORDER_EVENTS, orderId, "not { json", Map.of("event_type", "OrderConfirmed"));
        // the same bytes as a type payment reads: read, and dead-lettered (the control)
        kafka.send(Topics.ORDER_EVENTS, orderId, "not { json", Map.of("event_type", "OrderCancelled"));
        kafka.send(Topics.INVENTORY_EVENTS, orderId, SagaJson.stockReserved(orderId, customerId, "paypal", "5.00"));

        kafka.await(Topics.PAYMENT_EVENTS, orderId, "PaymentCompleted");
        kafka.await(Topics.deadLetter(Topics.ORDER_EVENTS), orderId, r -> true, PATIENCE);
        assertThat(kafka.records(Topics.deadLetter(Topics.ORDER_EVENTS), orderId))
                .as("only the OrderCancelled was parsed")
                .singleElement()
                .satisfies(dead -> assertThat(dead.headers()).containsEntry("event_type", "OrderCancelled"));
        assertThat(kafka.records(Topics.deadLetter(Topics.INVENTORY_EVENTS), orderId))
                .as("the StockCommitted was never parsed")
                .isEmpty();
        assertThat(meters.get("saga.runtime.passed.over")
                        .tag("participant", "payment-service")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void a_rejected_or_cancelled_order_whose_payment_was_declined_or_voided_gets_nothing_new() {
        String declinedOrder = newOrderId();
        PaymentEvent failed =
                saga().answer(SagaEvents.stockReserved(declinedOrder, newCustomerId(), "test_declined_card", "12.50"));
        assertThat(failed).isInstanceOf(PaymentFailed.class);

        assertThat(saga().deliver(SagaEvents.orderRejected(declinedOrder, ReasonCode.PAYMENT_DECLINED)))
                .isEmpty();
        assertThat(saga().deliver(SagaEvents.orderRejected(declinedOrder, ReasonCode.SAGA_TIMEOUT)))
                .isEmpty();
        assertThat(store.findByOrderId(declinedOrder).orElseThrow().status()).isEqualTo(PaymentStatus.DECLINED);

        String neverCharged = newOrderId();
        assertThat(saga().deliver(SagaEvents.orderRejected(neverCharged, ReasonCode.CUSTOMER_NOT_FOUND)))
                .isEmpty();
        assertThat(saga().deliver(SagaEvents.orderRejected(neverCharged, ReasonCode.SAGA_TIMEOUT)))
                .isEmpty();
        Payment voided = store.findByOrderId(neverCharged).orElseThrow();
        assertThat(voided.status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(voided.reason()).isEqualTo(ReasonCode.CUSTOMER_NOT_FOUND);
        assertThat(recordsOf(neverCharged)).isEqualTo(1);
    }

    @Test
    void ten_concurrent_deliveries_of_one_stock_reserved_make_one_record_and_one_outcome() throws Exception {
        String orderId = newOrderId();
        var saga = saga();
        StockReserved stock = SagaEvents.stockReserved(orderId, newCustomerId(), "credit_card", "19.99");

        List<PaymentEvent> outcomes = Race.of(10, i -> saga.<PaymentEvent>answer(stock));

        assertThat(recordsOf(orderId)).isEqualTo(1);
        Payment stored = store.findByOrderId(orderId).orElseThrow();
        assertThat(outcomes).hasSize(10).allSatisfy(outcome -> {
            assertThat(outcome).isInstanceOf(PaymentCompleted.class);
            assertThat(outcome).isEqualTo(outcomes.getFirst());
        });
        assertThat(((PaymentCompleted) outcomes.getFirst()).paymentId()).isEqualTo(stored.id());
        assertThat(stored.status()).isEqualTo(PaymentStatus.CAPTURED);
    }

    @Test
    void a_charge_racing_a_cancel_never_leaves_money_captured() throws Exception {
        for (int round = 0; round < 10; round++) {
            String orderId = newOrderId();
            var saga = saga();
            StockReserved stock = SagaEvents.stockReserved(orderId, newCustomerId(), "credit_card", "19.99");

            List<Object> results = Race.of(
                    8,
                    i -> i % 2 == 0
                            ? saga.<PaymentEvent>answer(stock)
                            : saga.deliver(SagaEvents.orderRejected(orderId, ReasonCode.SAGA_TIMEOUT)));

            Payment stored = store.findByOrderId(orderId).orElseThrow();
            assertThat(recordsOf(orderId)).isEqualTo(1);
            assertThat(stored.holdsMoney())
                    .as("round %d ended %s", round, stored.status())
                    .isFalse();
            List<Object> refunds = results.stream()
                    .filter(r -> r instanceof List<?> said && !said.isEmpty())
                    .toList();
            List<Object> charges =
                    results.stream().filter(r -> r instanceof PaymentEvent).toList();
            if (stored.status() == PaymentStatus.REFUNDED) {
                // charged first: every charge answered completed, the refund is announced
                assertThat(refunds).isNotEmpty();
                assertThat(charges).allMatch(c -> c instanceof PaymentCompleted);
            } else {
                // cancelled first: nothing charged, every charge refused
                assertThat(stored.status()).isEqualTo(PaymentStatus.VOIDED);
                assertThat(refunds).isEmpty();
                assertThat(charges)
                        .allMatch(c -> c instanceof PaymentFailed f && f.reason() == ReasonCode.ORDER_ALREADY_TERMINAL);
            }
        }
    }

    private ParticipantHarness<Payment> saga() {
        return ParticipantHarness.of(steps);
    }

    private long recordsOf(String orderId) {
        return mongo.getCollection("payments").countDocuments(new Document("order_id", orderId));
    }

    private static List<Received> awaitCount(String topic, String key, Set<String> types, int count) {
        List<Received> found = kafka.awaitAtLeast(topic, key, r -> types.contains(r.type()), count, PATIENCE);
        assertThat(found).as("records of types %s", types).hasSize(count);
        return found;
    }
}
