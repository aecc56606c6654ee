package dev.ordersaga.inventory.saga;

import static dev.ordersaga.testsupport.participant.SagaEvents.newCustomerId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.CustomerValidated;
import dev.ordersaga.events.Event;
import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderLine;
import dev.ordersaga.events.PricedLine;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.events.StockRejected;
import dev.ordersaga.inventory.domain.OrderStock;
import dev.ordersaga.inventory.domain.Price;
import dev.ordersaga.inventory.domain.Product;
import dev.ordersaga.inventory.domain.Stock;
import dev.ordersaga.inventory.store.ProductCatalog;
import dev.ordersaga.inventory.store.ProductStock;
import dev.ordersaga.testsupport.SagaServiceTest;
import dev.ordersaga.testsupport.participant.ParticipantContract;
import dev.ordersaga.testsupport.participant.ParticipantHarness;
import dev.ordersaga.testsupport.participant.SagaEvents;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** inventory-service keeps the participant contract: redeliveries change nothing, a late reservation is refused. */
@SagaServiceTest
class InventoryContractTest extends ParticipantContract<OrderStock> {

    private static final Money PRICE = Money.of("4.00", "EUR");

    @Autowired
    ProductCatalog catalog;

    @Autowired
    ProductStock stock;

    @Override
    protected List<History> histories() {
        return List.of(
                new History("reserved, then confirmed", order -> {
                    CustomerValidated validated = validated(order, 5, 2);
                    String product = validated.lines().getFirst().productId();
                    return List.of(
                            validated,
                            SagaEvents.orderConfirmed(
                                    order, validated.customerId(), List.of(new PricedLine(product, 2, PRICE))));
                }),
                new History(
                        "reserved, then cancelled",
                        order -> List.of(
                                validated(order, 5, 2),
                                SagaEvents.orderCancelled(order, ReasonCode.CANCELLED_ON_REQUEST))),
                new History(
                        "reserved, then the payment failed",
                        order -> List.of(
                                validated(order, 5, 1), SagaEvents.paymentFailed(order, ReasonCode.PAYMENT_DECLINED))),
                new History(
                        "rejected for want of stock, then rejected by the decider",
                        order -> List.of(
                                validated(order, 1, 3),
                                SagaEvents.orderRejected(order, ReasonCode.INSUFFICIENT_STOCK))));
    }

    @Override
    protected List<Late> lateSteps() {
        return List.of(Late.afterCancel(
                "a reservation after the order was cancelled",
                order -> validated(order, 5, 1),
                refusedWith(StockRejected.class, StockRejected::reason)));
    }

    /**
     * A validation does not start the order's reservation for inventory ({@link InventorySteps} reads
     * it first, {@code startsState} is not declared): the products' holders say only what the order
     * holds now, so after the sale or the give-back a validation decided on no reservation would hold
     * the units again before its insert is refused. Delivered again once the order ended, it holds
     * nothing and says what the stored reservation says.
     */
    @Test
    void a_validation_delivered_again_after_the_sale_or_the_release_holds_nothing() {
        for (boolean confirmed : List.of(true, false)) {
            String order = newOrderId();
            CustomerValidated validated = validated(order, 5, 2);
            String product = validated.lines().getFirst().productId();
            Event end = confirmed
                    ? SagaEvents.orderConfirmed(
                            order, validated.customerId(), List.of(new PricedLine(product, 2, PRICE)))
                    : SagaEvents.orderCancelled(order, ReasonCode.CANCELLED_ON_REQUEST);
            ParticipantHarness<OrderStock> saga = harness();
            List<Event> reserved = saga.deliver(validated);

            saga.deliver(end);
            List<Event> again = saga.deliver(validated);

            Product after = stock.findWithHolders(List.of(product)).getFirst();
            assertThat(after.stock())
                    .as(confirmed ? "sold" : "given back")
                    .isEqualTo(confirmed ? new Stock(3, 0, 2) : new Stock(5, 0, 0));
            assertThat(after.appliedReservations()).isEmpty();
            assertThat(again).isEqualTo(reserved);
            assertThat(saga.deadLettered()).isEmpty();
        }
    }

    /** A new customer's order of {@code quantity} units of a new product with {@code stock} units. */
    private CustomerValidated validated(String order, long stock, int quantity) {
        return SagaEvents.customerValidated(order, newCustomerId(), List.of(new OrderLine(product(stock), quantity)));
    }

    /** A new product with this much stock; its id. */
    private String product(long stock) {
        String id = ProductCatalog.newId();
        catalog.insert(Product.create(
                id,
                "SKU-" + id,
                "Contract product",
                null,
                Price.of(PRICE),
                true,
                stock,
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        return id;
    }
}
