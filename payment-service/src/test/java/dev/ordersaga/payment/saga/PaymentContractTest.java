package dev.ordersaga.payment.saga;

import static dev.ordersaga.testsupport.participant.SagaEvents.newCustomerId;

import dev.ordersaga.events.PaymentFailed;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.payment.domain.Payment;
import dev.ordersaga.testsupport.SagaServiceTest;
import dev.ordersaga.testsupport.participant.ParticipantContract;
import dev.ordersaga.testsupport.participant.SagaEvents;
import java.util.List;

/** payment-service keeps the participant contract: redeliveries change nothing, late charges are refused. */
@SagaServiceTest
class PaymentContractTest extends ParticipantContract<Payment> {

    @Override
    protected List<History> histories() {
        return List.of(
                new History(
                        "captured, then refunded on cancel",
                        order -> List.of(
                                SagaEvents.stockReserved(order, newCustomerId(), "credit_card", "12.50"),
                                SagaEvents.orderCancelled(order, ReasonCode.CANCELLED_ON_REQUEST))),
                new History(
                        "declined, then rejected",
                        order -> List.of(
                                SagaEvents.stockReserved(order, newCustomerId(), "test_declined_card", "12.50"),
                                SagaEvents.orderRejected(order, ReasonCode.PAYMENT_DECLINED))),
                new History("captured, then confirmed", order -> {
                    String customer = newCustomerId();
                    var reserved = SagaEvents.stockReserved(order, customer, "paypal", "5.00");
                    return List.of(reserved, SagaEvents.orderConfirmed(order, customer, reserved.lines()));
                }));
    }

    @Override
    protected List<Late> lateSteps() {
        return List.of(Late.afterCancel(
                "a charge after the order was cancelled",
                order -> SagaEvents.stockReserved(order, newCustomerId(), "credit_card", "12.50"),
                refusedWith(PaymentFailed.class, PaymentFailed::reason)));
    }
}
