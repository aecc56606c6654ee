package dev.ordersaga.customer.domain;

import java.util.Optional;

/**
 * What validating one order needs, loaded for a whole batch at once: the answer already given
 * for the order (if any), and the customer the order names as it is now (if any).
 */
public record CustomerCheck(OrderValidation answer, Optional<CustomerActivity> customer) {

    /** The order has its answer: every later request gets exactly this one again. */
    public CustomerCheck answered(OrderValidation first) {
        return new CustomerCheck(first, customer);
    }
}
