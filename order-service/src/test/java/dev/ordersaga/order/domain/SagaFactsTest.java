package dev.ordersaga.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.order.domain.SagaFacts.PaymentFailure;
import dev.ordersaga.order.domain.SagaFacts.Rejection;
import dev.ordersaga.order.domain.SagaFacts.Reservation;
import dev.ordersaga.testsupport.participant.SagaEvents;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SagaFactsTest {

    private final SagaEvents.OneOrder order = SagaEvents.oneOrder(Instant.now());

    @Test
    void each_answer_adds_its_own_fact_and_keeps_the_ones_before() {
        SagaFacts confirmed = SagaFacts.NONE
                .with(order.orderRequested("h"))
                .with(order.customerValidated())
                .with(order.stockReserved())
                .with(order.paymentCompleted())
                .with(order.stockCommitted());
        SagaFacts settled = confirmed.with(order.stockReleased()).with(order.paymentRefunded());

        assertThat(confirmed.stockCommitted()).isTrue();
        assertThat(confirmed.stockReleased()).isFalse();
        assertThat(confirmed.paymentRefunded()).isFalse();
        assertThat(settled)
                .isEqualTo(new SagaFacts(
                        true,
                        true,
                        null,
                        new Reservation(SagaEvents.PRICED, SagaEvents.TOTAL),
                        null,
                        order.paymentId(),
                        null,
                        true,
                        true,
                        true));
    }

    @Test
    void a_refusal_is_recorded_with_its_reason_detail_and_products() {
        SagaFacts facts = SagaFacts.NONE
                .with(order.customerRejected())
                .with(order.stockRejected())
                .with(order.paymentFailed());

        assertThat(facts.customerRejected())
                .isEqualTo(new Rejection(
                        ReasonCode.CUSTOMER_INACTIVE, "Customer " + order.customerId() + " is inactive.", null));
        assertThat(facts.stockRejected())
                .isEqualTo(new Rejection(ReasonCode.INSUFFICIENT_STOCK, "Only 1 left.", List.of(SagaEvents.PRODUCT_B)));
        assertThat(facts.paymentFailed())
                .isEqualTo(new PaymentFailure(
                        order.paymentId(), ReasonCode.PAYMENT_DECLINED, "Declined by the test card."));
        assertThat(facts.requested()).isFalse();
        assertThat(facts.customerValidated()).isFalse();
    }

    @Test
    void an_event_order_service_does_not_consume_is_refused() {
        assertThatThrownBy(() ->
                        SagaFacts.NONE.with(SagaEvents.orderRejected(order.orderId(), ReasonCode.PAYMENT_DECLINED)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OrderRejected");
    }
}
