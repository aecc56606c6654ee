package dev.ordersaga.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.events.Money;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.payment.api.PaymentController;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PaymentTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-24T10:00:05Z");
    private static final Money TOTAL = Money.of("37.50", "EUR");

    @Test
    void only_a_captured_payment_may_move_and_only_to_refunded() {
        assertThat(PaymentStatus.CAPTURED.next()).containsExactly(PaymentStatus.REFUNDED);
        assertThat(PaymentStatus.DECLINED.next()).isEmpty();
        assertThat(PaymentStatus.REFUNDED.next()).isEmpty();
        assertThat(PaymentStatus.VOIDED.next()).isEmpty();
        assertThat(PaymentStatus.from(PaymentStatus.REFUNDED)).containsExactly(PaymentStatus.CAPTURED);
        assertThat(PaymentStatus.from(PaymentStatus.CAPTURED)).isEmpty();
    }

    @Test
    void an_approved_attempt_is_captured_with_everything_it_charged() {
        Payment payment = Payment.attempt("o-1", "c-1", TOTAL, "paypal", PaymentDecision.approved(), T0);

        assertThat(payment.status()).isEqualTo(PaymentStatus.CAPTURED);
        assertThat(payment.holdsMoney()).isTrue();
        assertThat(payment.id()).matches(PaymentController.PAYMENT_ID);
        assertThat(payment.orderId()).isEqualTo("o-1");
        assertThat(payment.customerId()).isEqualTo("c-1");
        assertThat(payment.amount()).isEqualTo(TOTAL);
        assertThat(payment.paymentMethod()).isEqualTo("paypal");
        assertThat(payment.reason()).isNull();
        assertThat(payment.createdAt()).isEqualTo(T0);
    }

    @Test
    void a_declined_attempt_keeps_the_reason_and_holds_no_money() {
        Payment payment = Payment.attempt(
                "o-1",
                "c-1",
                TOTAL,
                "bitcoin",
                PaymentDecision.declined(ReasonCode.INVALID_PAYMENT_METHOD, "no bitcoin"),
                T0);

        assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(payment.holdsMoney()).isFalse();
        assertThat(payment.reason()).isEqualTo(ReasonCode.INVALID_PAYMENT_METHOD);
        assertThat(payment.detail()).isEqualTo("no bitcoin");
    }

    @Test
    void each_record_gets_its_own_id() {
        Payment a = Payment.attempt("o-1", "c-1", TOTAL, "paypal", PaymentDecision.approved(), T0);
        Payment b = Payment.attempt("o-1", "c-1", TOTAL, "paypal", PaymentDecision.approved(), T0);

        assertThat(a.id()).isNotEqualTo(b.id());
    }

    @Test
    void a_captured_payment_is_refunded_once() {
        Payment payment = Payment.attempt("o-1", "c-1", TOTAL, "paypal", PaymentDecision.approved(), T0);

        Refund refund = payment.refund(ReasonCode.SAGA_TIMEOUT, T1);

        assertThat(payment.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(payment.holdsMoney()).isFalse();
        assertThat(refund).isEqualTo(new Refund(T1, ReasonCode.SAGA_TIMEOUT));
        assertThat(payment.refund()).isEqualTo(refund);
        assertThat(payment.updatedAt()).isEqualTo(T1);
        assertThatThrownBy(() -> payment.refund(ReasonCode.SAGA_TIMEOUT, T1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REFUNDED");
    }

    @Test
    void a_declined_payment_cannot_be_refunded() {
        Payment payment = Payment.attempt(
                "o-1", "c-1", TOTAL, "bitcoin", PaymentDecision.declined(ReasonCode.PAYMENT_DECLINED, null), T0);

        assertThatThrownBy(() -> payment.refund(ReasonCode.CANCELLED_ON_REQUEST, T1))
                .isInstanceOf(IllegalStateException.class);
        assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(payment.refund()).isNull();
    }

    @Test
    void a_voided_payment_cannot_be_refunded_and_holds_nothing() {
        Payment payment = Payment.voided("o-1", ReasonCode.CUSTOMER_NOT_FOUND, T0);

        assertThat(payment.status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(payment.holdsMoney()).isFalse();
        assertThat(payment.reason()).isEqualTo(ReasonCode.CUSTOMER_NOT_FOUND);
        assertThat(payment.customerId()).isNull();
        assertThat(payment.amount()).isNull();
        assertThatThrownBy(() -> payment.refund(ReasonCode.SAGA_TIMEOUT, T1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_voided_payment_records_a_late_attempt_once_and_stays_voided() {
        Payment payment = Payment.voided("o-1", ReasonCode.SAGA_TIMEOUT, T0);

        assertThat(payment.refuseLateAttempt("c-1", TOTAL, "credit_card", T1)).isTrue();
        assertThat(payment.refuseLateAttempt("c-2", Money.of("1.00", "EUR"), "paypal", T1.plusSeconds(1)))
                .isFalse();

        assertThat(payment.status()).isEqualTo(PaymentStatus.VOIDED);
        assertThat(payment.customerId()).isEqualTo("c-1");
        assertThat(payment.amount()).isEqualTo(TOTAL);
        assertThat(payment.updatedAt()).isEqualTo(T1);
    }

    @ParameterizedTest
    @EnumSource(
            value = PaymentStatus.class,
            names = {"VOIDED"},
            mode = EnumSource.Mode.EXCLUDE)
    void only_a_voided_payment_refuses_late_attempts(PaymentStatus status) {
        Payment payment = Payment.attempt("o-1", "c-1", TOTAL, "paypal", PaymentDecision.approved(), T0);
        if (status == PaymentStatus.REFUNDED) {
            payment.refund(ReasonCode.SAGA_TIMEOUT, T1);
        } else if (status == PaymentStatus.DECLINED) {
            payment = Payment.attempt(
                    "o-1", "c-1", TOTAL, "x", PaymentDecision.declined(ReasonCode.PAYMENT_DECLINED, null), T0);
        }
        Payment inStatus = payment;

        assertThat(inStatus.status()).isEqualTo(status);
        assertThatThrownBy(() -> inStatus.refuseLateAttempt("c-1", TOTAL, "paypal", T1))
                .isInstanceOf(IllegalStateException.class);
    }
}
