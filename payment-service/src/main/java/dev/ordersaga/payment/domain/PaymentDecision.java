package dev.ordersaga.payment.domain;

import dev.ordersaga.events.ReasonCode;
import java.util.Objects;

/** What the simulated processor says about one charge: approved, or declined with a reason. */
public record PaymentDecision(ReasonCode declineReason, String detail) {

    private static final PaymentDecision APPROVED = new PaymentDecision(null, null);

    public PaymentDecision {
        if (declineReason == null && detail != null) {
            throw new IllegalArgumentException("an approval carries no detail");
        }
    }

    public static PaymentDecision approved() {
        return APPROVED;
    }

    public static PaymentDecision declined(ReasonCode reason, String detail) {
        return new PaymentDecision(Objects.requireNonNull(reason, "reason"), detail);
    }

    public boolean isApproved() {
        return declineReason == null;
    }
}
