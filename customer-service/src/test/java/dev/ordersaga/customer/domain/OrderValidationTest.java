package dev.ordersaga.customer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.CustomerRejected;
import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.OrderLine;
import dev.ordersaga.events.OrderRequested;
import dev.ordersaga.events.ReasonCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderValidationTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123Z");
    private static final List<OrderLine> LINES =
            List.of(new OrderLine("6849dd2a5b6717b8055f93a9", 1), new OrderLine("6849dd2b5b6717b8055f93aa", 2));

    @Test
    void an_active_customer_is_valid() {
        assertThat(CustomerVerdict.of(Optional.of(new CustomerActivity(true)))).isEqualTo(CustomerVerdict.VALID);
        assertThat(CustomerVerdict.VALID.reason()).isNull();
    }

    @Test
    void an_inactive_customer_is_rejected_as_inactive() {
        CustomerVerdict verdict = CustomerVerdict.of(Optional.of(new CustomerActivity(false)));

        assertThat(verdict).isEqualTo(CustomerVerdict.INACTIVE);
        assertThat(verdict.reason()).isEqualTo(ReasonCode.CUSTOMER_INACTIVE);
    }

    @Test
    void a_missing_customer_is_rejected_as_not_found() {
        CustomerVerdict verdict = CustomerVerdict.of(Optional.empty());

        assertThat(verdict).isEqualTo(CustomerVerdict.NOT_FOUND);
        assertThat(verdict.reason()).isEqualTo(ReasonCode.CUSTOMER_NOT_FOUND);
    }

    @Test
    void a_valid_customer_is_answered_with_customer_validated_carrying_lines_and_payment_method_on() {
        OrderRequested request = request("order-1");

        var event = OrderValidation.decide(request, CustomerVerdict.VALID, NOW).toEvent();

        assertThat(event).isInstanceOf(CustomerValidated.class);
        var validated = (CustomerValidated) event;
        assertThat(validated.eventId()).isEqualTo(EventIds.about("order-1", CustomerValidated.class));
        assertThat(validated.orderId()).isEqualTo("order-1");
        assertThat(validated.customerId()).isEqualTo(request.customerId());
        assertThat(validated.lines()).isEqualTo(LINES);
        assertThat(validated.paymentMethod()).isEqualTo("credit_card");
        assertThat(validated.correlationId()).isEqualTo("corr-1");
        assertThat(validated.occurredAt()).isEqualTo(NOW);
    }

    @Test
    void a_rejection_names_its_reason_and_customer() {
        var inactive = (CustomerRejected) OrderValidation.decide(request("order-2"), CustomerVerdict.INACTIVE, NOW)
                .toEvent();
        var missing = (CustomerRejected) OrderValidation.decide(request("order-3"), CustomerVerdict.NOT_FOUND, NOW)
                .toEvent();

        assertThat(inactive.reason()).isEqualTo(ReasonCode.CUSTOMER_INACTIVE);
        assertThat(inactive.detail()).contains("6849dd2562e5fa1c135a04fb", "inactive");
        assertThat(inactive.eventId()).isEqualTo(EventIds.about("order-2", CustomerRejected.class));
        assertThat(missing.reason()).isEqualTo(ReasonCode.CUSTOMER_NOT_FOUND);
        assertThat(missing.detail()).contains("does not exist");
    }

    @Test
    void a_stored_answer_gives_the_very_same_event_every_time() {
        OrderValidation stored = OrderValidation.decide(request("order-4"), CustomerVerdict.VALID, NOW);

        assertThat(stored.toEvent()).isEqualTo(stored.toEvent());
        assertThat(OrderValidation.decide(request("order-5"), CustomerVerdict.INACTIVE, NOW)
                        .toEvent()
                        .eventId())
                .isNotEqualTo(OrderValidation.decide(request("order-6"), CustomerVerdict.INACTIVE, NOW)
                        .toEvent()
                        .eventId());
    }

    private static OrderRequested request(String orderId) {
        return new OrderRequested(
                UUID.randomUUID(),
                orderId,
                NOW.minusMillis(5),
                "corr-1",
                "6849dd2562e5fa1c135a04fb",
                "user-1",
                LINES,
                "credit_card",
                "123 Main St, City, State 12345",
                "123 Main St, City, State 12345",
                "a".repeat(64));
    }
}
