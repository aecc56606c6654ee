package dev.ordersaga.customer.domain;

/** A status change the customer's current status does not allow (e.g. deactivating an inactive customer). */
public class CustomerStatusException extends IllegalStateException {

    CustomerStatusException(String message) {
        super(message);
    }
}
