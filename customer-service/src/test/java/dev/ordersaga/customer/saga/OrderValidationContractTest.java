package dev.ordersaga.customer.saga;

import dev.ordersaga.customer.domain.Customer;
import dev.ordersaga.customer.domain.CustomerCheck;
import dev.ordersaga.customer.store.CustomerRepository;
import dev.ordersaga.events.OrderLine;
import dev.ordersaga.testsupport.SagaServiceTest;
import dev.ordersaga.testsupport.participant.ParticipantContract;
import dev.ordersaga.testsupport.participant.SagaEvents;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * customer-service keeps the participant contract: a redelivered request gets the stored answer
 * again and changes nothing. It has no late step to refuse: it answers before any decision and
 * reads no terminal event.
 */
@SagaServiceTest
class OrderValidationContractTest extends ParticipantContract<CustomerCheck> {

    private static final List<OrderLine> LINES = List.of(new OrderLine(SagaEvents.PRODUCT, 2));

    @Autowired
    CustomerRepository customers;

    @Override
    protected List<History> histories() {
        return List.of(
                new History(
                        "an active customer is validated",
                        order -> List.of(SagaEvents.orderRequested(order, customer(true), LINES))),
                new History(
                        "an inactive customer is rejected",
                        order -> List.of(SagaEvents.orderRequested(order, customer(false), LINES))),
                new History(
                        "an unknown customer is rejected",
                        order -> List.of(SagaEvents.orderRequested(order, SagaEvents.newCustomerId(), LINES))));
    }

    private String customer(boolean active) {
        String id = SagaEvents.newCustomerId();
        customers.insert(Customer.create(
                id,
                null,
                "Contract Buyer",
                "buyer@example.com",
                null,
                List.of(),
                active,
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        return id;
    }
}
