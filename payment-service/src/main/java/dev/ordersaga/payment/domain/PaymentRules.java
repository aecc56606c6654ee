package dev.ordersaga.payment.domain;

import dev.ordersaga.events.Money;
import dev.ordersaga.events.ReasonCode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The payment simulation (SPEC §3): deterministic rules, so every outcome can be produced on
 * purpose. The first rule that matches decides:
 *
 * <ol>
 *   <li>method {@value #DECLINE_TRIGGER} → {@code PAYMENT_DECLINED} (the documented test trigger);
 *   <li>method not one of {@link #ACCEPTED_METHODS} (exact, case-sensitive) → {@code
 *       INVALID_PAYMENT_METHOD};
 *   <li>total above the amount limit (in the order's currency; exactly the limit passes) → {@code
 *       AMOUNT_LIMIT_EXCEEDED};
 *   <li>random decline: a draw below the random decline rate → {@code PAYMENT_DECLINED};
 *   <li>otherwise approved.
 * </ol>
 *
 * A pure function of its inputs and the injected random source; it touches no state.
 */
public final class PaymentRules {

    public static final List<String> ACCEPTED_METHODS = List.of("credit_card", "debit_card", "paypal", "bank_transfer");
    public static final String DECLINE_TRIGGER = "test_declined_card";

    private final BigDecimal amountLimit;
    private final double randomDeclineRate;
    private final DoubleSupplier random;

    /**
     * @param random uniform draws in [0, 1); consulted only when the decline rate is above 0 and
     *     every deterministic rule passed
     */
    public PaymentRules(BigDecimal amountLimit, double randomDeclineRate, DoubleSupplier random) {
        this.amountLimit = Objects.requireNonNull(amountLimit, "amountLimit");
        if (amountLimit.signum() < 0) {
            throw new IllegalArgumentException("amount limit must not be negative: " + amountLimit);
        }
        if (!(randomDeclineRate >= 0 && randomDeclineRate <= 1)) {
            throw new IllegalArgumentException("random decline rate must be within [0, 1]: " + randomDeclineRate);
        }
        this.randomDeclineRate = randomDeclineRate;
        this.random = Objects.requireNonNull(random, "random");
    }

    public PaymentDecision decide(String paymentMethod, Money total) {
        Objects.requireNonNull(total, "total");
        if (DECLINE_TRIGGER.equals(paymentMethod)) {
            return PaymentDecision.declined(
                    ReasonCode.PAYMENT_DECLINED,
                    "The card was declined (test trigger payment method " + DECLINE_TRIGGER + ").");
        }
        if (paymentMethod == null || !ACCEPTED_METHODS.contains(paymentMethod)) {
            return PaymentDecision.declined(
                    ReasonCode.INVALID_PAYMENT_METHOD,
                    "Payment method " + quoted(paymentMethod) + " is not accepted; accepted: "
                            + String.join(", ", ACCEPTED_METHODS) + ".");
        }
        if (total.amount().compareTo(amountLimit) > 0) {
            return PaymentDecision.declined(
                    ReasonCode.AMOUNT_LIMIT_EXCEEDED,
                    "The total " + total + " is above the payment limit of " + amountLimit.toPlainString() + " "
                            + total.currency() + ".");
        }
        if (randomDeclineRate > 0 && random.getAsDouble() < randomDeclineRate) {
            return PaymentDecision.declined(
                    ReasonCode.PAYMENT_DECLINED, "The payment was declined by the simulated processor.");
        }
        return PaymentDecision.approved();
    }

    private static String quoted(String method) {
        if (method == null) {
            return "(none)";
        }
        // The method comes from the client: keep what is echoed back short.
        String shown = method.length() > 40 ? method.substring(0, 40) + "…" : method;
        return "'" + shown + "'";
    }
}
