package dev.ordersaga.customer.domain;

import dev.ordersaga.events.ReasonCode;
import java.util.Optional;

/** Whether an order's customer may order: the rule of saga step 2. */
public enum CustomerVerdict {
    VALID(null),
    NOT_FOUND(ReasonCode.CUSTOMER_NOT_FOUND),
    INACTIVE(ReasonCode.CUSTOMER_INACTIVE);

    private final ReasonCode reason;

    CustomerVerdict(ReasonCode reason) {
        this.reason = reason;
    }

    /** @param customer the customer as found, empty if there is no such customer */
    public static CustomerVerdict of(Optional<CustomerActivity> customer) {
        return customer.map(found -> found.active() ? VALID : INACTIVE).orElse(NOT_FOUND);
    }

    /** The reason code of a rejection; null for {@link #VALID}. */
    ReasonCode reason() {
        return reason;
    }
}
