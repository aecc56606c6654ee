package dev.ordersaga.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.events.Money;
import dev.ordersaga.events.ReasonCode;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentRulesTest {

    private static final BigDecimal LIMIT = new BigDecimal("10000.00");
    private static final DoubleSupplier NEVER_DRAWN = () -> {
        throw new AssertionError("the random source must not be consulted");
    };

    private final PaymentRules rules = new PaymentRules(LIMIT, 0, NEVER_DRAWN);

    @ParameterizedTest
    @ValueSource(strings = {"credit_card", "debit_card", "paypal", "bank_transfer"})
    void every_accepted_method_is_approved(String method) {
        assertThat(rules.decide(method, eur("12.50")).isApproved()).isTrue();
    }

    @Test
    void the_test_trigger_method_is_always_declined() {
        PaymentDecision decision = rules.decide("test_declined_card", eur("1.00"));

        assertThat(decision.isApproved()).isFalse();
        assertThat(decision.declineReason()).isEqualTo(ReasonCode.PAYMENT_DECLINED);
        assertThat(decision.detail()).contains("test_declined_card");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bitcoin", "Credit_Card", "credit_card ", "", "cash", "{\"$ne\":1}"})
    void any_other_method_is_an_invalid_payment_method(String method) {
        PaymentDecision decision = rules.decide(method, eur("12.50"));

        assertThat(decision.declineReason()).isEqualTo(ReasonCode.INVALID_PAYMENT_METHOD);
        assertThat(decision.detail()).contains("credit_card, debit_card, paypal, bank_transfer");
    }

    @Test
    void a_very_long_method_is_not_echoed_back_whole() {
        PaymentDecision decision = rules.decide("x".repeat(500), eur("12.50"));

        assertThat(decision.declineReason()).isEqualTo(ReasonCode.INVALID_PAYMENT_METHOD);
        assertThat(decision.detail()).hasSizeLessThan(200);
    }

    @Test
    void a_total_of_exactly_the_limit_passes() {
        assertThat(rules.decide("credit_card", eur("10000.00")).isApproved()).isTrue();
    }

    @Test
    void a_total_one_cent_above_the_limit_exceeds_it() {
        PaymentDecision decision = rules.decide("credit_card", eur("10000.01"));

        assertThat(decision.declineReason()).isEqualTo(ReasonCode.AMOUNT_LIMIT_EXCEEDED);
        assertThat(decision.detail()).contains("10000.01 EUR", "10000.00");
    }

    @Test
    void the_limit_applies_in_the_orders_own_currency() {
        assertThat(rules.decide("paypal", Money.of("10001", "JPY")).declineReason())
                .isEqualTo(ReasonCode.AMOUNT_LIMIT_EXCEEDED);
        assertThat(rules.decide("paypal", Money.of("10000", "JPY")).isApproved())
                .isTrue();
    }

    @Test
    void the_limit_is_configurable() {
        var strict = new PaymentRules(new BigDecimal("50"), 0, NEVER_DRAWN);

        assertThat(strict.decide("credit_card", eur("50.00")).isApproved()).isTrue();
        assertThat(strict.decide("credit_card", eur("50.01")).declineReason())
                .isEqualTo(ReasonCode.AMOUNT_LIMIT_EXCEEDED);
    }

    @Test
    void rules_apply_in_order_trigger_then_method_then_limit_then_random() {
        var alwaysDecline = new PaymentRules(LIMIT, 1, () -> 0.0);

        assertThat(alwaysDecline.decide("test_declined_card", eur("99999.00")).declineReason())
                .isEqualTo(ReasonCode.PAYMENT_DECLINED);
        assertThat(alwaysDecline.decide("bitcoin", eur("99999.00")).declineReason())
                .isEqualTo(ReasonCode.INVALID_PAYMENT_METHOD);
        assertThat(alwaysDecline.decide("credit_card", eur("99999.00")).declineReason())
                .isEqualTo(ReasonCode.AMOUNT_LIMIT_EXCEEDED);
        assertThat(alwaysDecline.decide("credit_card", eur("1.00")).declineReason())
                .isEqualTo(ReasonCode.PAYMENT_DECLINED);
    }

    @Test
    void a_draw_below_the_random_decline_rate_declines_and_one_at_or_above_it_passes() {
        var below = new PaymentRules(LIMIT, 0.25, () -> 0.2499);
        var at = new PaymentRules(LIMIT, 0.25, () -> 0.25);

        PaymentDecision declined = below.decide("credit_card", eur("10.00"));
        assertThat(declined.declineReason()).isEqualTo(ReasonCode.PAYMENT_DECLINED);
        assertThat(declined.detail()).contains("simulated processor");
        assertThat(at.decide("credit_card", eur("10.00")).isApproved()).isTrue();
    }

    @Test
    void the_random_source_is_not_drawn_when_the_rate_is_zero_or_a_rule_already_declined() {
        AtomicInteger draws = new AtomicInteger();
        var counting = new PaymentRules(LIMIT, 0.5, () -> {
            draws.incrementAndGet();
            return 0.99;
        });

        counting.decide("bitcoin", eur("1.00"));
        counting.decide("credit_card", eur("10000.01"));
        assertThat(draws).hasValue(0);
        assertThat(counting.decide("credit_card", eur("1.00")).isApproved()).isTrue();
        assertThat(draws).hasValue(1);
        // rate 0: the default; NEVER_DRAWN would fail the test if it were consulted
        assertThat(rules.decide("credit_card", eur("1.00")).isApproved()).isTrue();
    }

    @Test
    void settings_out_of_range_are_refused() {
        assertThatThrownBy(() -> new PaymentRules(new BigDecimal("-1"), 0, NEVER_DRAWN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PaymentRules(LIMIT, 1.5, NEVER_DRAWN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PaymentRules(LIMIT, Double.NaN, NEVER_DRAWN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }
}
