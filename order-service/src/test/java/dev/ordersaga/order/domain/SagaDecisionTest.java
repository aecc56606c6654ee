package dev.ordersaga.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.order.domain.SagaFacts.PaymentFailure;
import dev.ordersaga.order.domain.SagaFacts.Rejection;
import dev.ordersaga.order.domain.SagaFacts.Reservation;
import dev.ordersaga.testsupport.participant.SagaEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SagaDecisionTest {

    enum Customer {
        NONE,
        VALIDATED,
        REJECTED
    }

    enum Stock {
        NONE,
        RESERVED,
        REJECTED
    }

    enum Payment {
        NONE,
        COMPLETED,
        FAILED
    }

    private static final Rejection CUSTOMER_NO = new Rejection(ReasonCode.CUSTOMER_INACTIVE, "inactive", null);
    private static final Rejection STOCK_NO =
            new Rejection(ReasonCode.INSUFFICIENT_STOCK, "only 1 left", List.of(SagaEvents.PRODUCT_B));
    private static final PaymentFailure DECLINED =
            new PaymentFailure("pay-1", ReasonCode.PAYMENT_DECLINED, "test card");

    static SagaFacts facts(boolean requested, Customer customer, Stock stock, Payment payment, boolean released) {
        return new SagaFacts(
                requested,
                customer == Customer.VALIDATED,
                customer == Customer.REJECTED ? CUSTOMER_NO : null,
                stock == Stock.RESERVED ? new Reservation(SagaEvents.PRICED, Money.of("29.99", "EUR")) : null,
                stock == Stock.REJECTED ? STOCK_NO : null,
                payment == Payment.COMPLETED ? "pay-1" : null,
                payment == Payment.FAILED ? DECLINED : null,
                released,
                false,
                false);
    }

    /** The decision table for the combinations the protocol produces, in any arrival order. */
    @ParameterizedTest(name = "{0} {1} {2} released={3} -> {4} {5}")
    @CsvSource({
        // customer, stock,  payment,  released, status,             reason
        "NONE,      NONE,     NONE,      false,    PENDING,            ",
        "VALIDATED, NONE,     NONE,      false,    CUSTOMER_VALIDATED, ",
        "REJECTED,  NONE,     NONE,      false,    REJECTED,           CUSTOMER_INACTIVE",
        "VALIDATED, RESERVED, NONE,      false,    STOCK_RESERVED,     ",
        "NONE,      RESERVED, NONE,      false,    STOCK_RESERVED,     ",
        "VALIDATED, REJECTED, NONE,      false,    REJECTED,           INSUFFICIENT_STOCK",
        "NONE,      REJECTED, NONE,      false,    REJECTED,           INSUFFICIENT_STOCK",
        "VALIDATED, RESERVED, COMPLETED, false,    CONFIRMED,          ",
        "NONE,      RESERVED, COMPLETED, false,    CONFIRMED,          ",
        "VALIDATED, NONE,     COMPLETED, false,    PAYMENT_COMPLETED,  ",
        "NONE,      NONE,     COMPLETED, false,    PAYMENT_COMPLETED,  ",
        "VALIDATED, RESERVED, FAILED,    false,    COMPENSATING,       PAYMENT_DECLINED",
        "VALIDATED, NONE,     FAILED,    false,    COMPENSATING,       PAYMENT_DECLINED",
        "NONE,      NONE,     FAILED,    false,    COMPENSATING,       PAYMENT_DECLINED",
        "VALIDATED, RESERVED, FAILED,    true,     REJECTED,           PAYMENT_DECLINED",
        "NONE,      NONE,     FAILED,    true,     REJECTED,           PAYMENT_DECLINED",
        "VALIDATED, RESERVED, NONE,      true,     STOCK_RESERVED,     ",
        "NONE,      NONE,     NONE,      true,     PENDING,            ",
    })
    void the_verdict_follows_from_the_recorded_facts(
            Customer customer, Stock stock, Payment payment, boolean released, OrderStatus status, ReasonCode reason) {
        Verdict verdict = SagaDecision.decide(facts(true, customer, stock, payment, released));

        assertThat(verdict.status()).isEqualTo(status);
        assertThat(verdict.reason()).isEqualTo(reason);
    }

    static Stream<Arguments> everyCombination() {
        List<Arguments> all = new ArrayList<>();
        for (Customer c : Customer.values()) {
            for (Stock s : Stock.values()) {
                for (Payment p : Payment.values()) {
                    for (boolean released : new boolean[] {false, true}) {
                        all.add(Arguments.of(c, s, p, released));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "not requested: {0} {1} {2} released={3}")
    @MethodSource("everyCombination")
    void nothing_is_decided_before_the_request_is_recorded(Customer c, Stock s, Payment p, boolean released) {
        assertThat(SagaDecision.decide(facts(false, c, s, p, released))).isEqualTo(Verdict.of(OrderStatus.PENDING));
    }

    /** The rules as properties, checked on all 54 combinations, possible in the protocol or not. */
    @ParameterizedTest(name = "{0} {1} {2} released={3}")
    @MethodSource("everyCombination")
    void every_combination_obeys_the_rules(Customer c, Stock s, Payment p, boolean released) {
        Verdict verdict = SagaDecision.decide(facts(true, c, s, p, released));
        OrderStatus status = verdict.status();

        // A participant's rejection wins: nothing is held after an all-or-none refusal.
        if (c == Customer.REJECTED) {
            assertThat(verdict)
                    .isEqualTo(new Verdict(OrderStatus.REJECTED, ReasonCode.CUSTOMER_INACTIVE, "inactive", null));
            return;
        }
        if (s == Stock.REJECTED) {
            assertThat(verdict)
                    .isEqualTo(new Verdict(
                            OrderStatus.REJECTED,
                            ReasonCode.INSUFFICIENT_STOCK,
                            "only 1 left",
                            List.of(SagaEvents.PRODUCT_B)));
            return;
        }
        // A failed payment rejects only once the stock is back, with the payment's reason.
        if (p == Payment.FAILED) {
            assertThat(status).isEqualTo(released ? OrderStatus.REJECTED : OrderStatus.COMPENSATING);
            assertThat(verdict.reason()).isEqualTo(ReasonCode.PAYMENT_DECLINED);
            return;
        }
        // Confirmation needs the payment and the reservation's lines and total.
        assertThat(status == OrderStatus.CONFIRMED).isEqualTo(p == Payment.COMPLETED && s == Stock.RESERVED);
        assertThat(verdict.reason()).isNull();
        assertThat(verdict.productIds()).isEmpty();
        // Otherwise the furthest step reached.
        OrderStatus furthest = p == Payment.COMPLETED
                ? (s == Stock.RESERVED ? OrderStatus.CONFIRMED : OrderStatus.PAYMENT_COMPLETED)
                : s == Stock.RESERVED
                        ? OrderStatus.STOCK_RESERVED
                        : c == Customer.VALIDATED ? OrderStatus.CUSTOMER_VALIDATED : OrderStatus.PENDING;
        assertThat(status).isEqualTo(furthest);
    }

    @Test
    void facts_recorded_after_the_decision_do_not_change_a_verdict_that_was_confirmed() {
        SagaFacts confirmed = facts(true, Customer.VALIDATED, Stock.RESERVED, Payment.COMPLETED, false);
        SagaEvents.OneOrder order = SagaEvents.oneOrder(Instant.now());

        SagaFacts later = confirmed.with(order.stockCommitted()).with(order.paymentRefunded());

        assertThat(later.stockCommitted()).isTrue();
        assertThat(later.paymentRefunded()).isTrue();
        assertThat(SagaDecision.decide(later).status()).isEqualTo(OrderStatus.CONFIRMED);
    }
}
