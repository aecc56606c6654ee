package dev.ordersaga.inventory.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.Event;
import dev.ordersaga.events.OrderLine;
import dev.ordersaga.events.StockRejected;
import dev.ordersaga.events.StockReserved;
import dev.ordersaga.inventory.domain.OrderStock;
import dev.ordersaga.saga.SagaParticipant;
import dev.ordersaga.saga.SagaStep;
import dev.ordersaga.testsupport.participant.ParticipantHarness;
import dev.ordersaga.testsupport.participant.Race;
import dev.ordersaga.testsupport.participant.SagaEvents;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two batches (two consumer threads, or two instances) decide on the same product from the same
 * read; the store refuses the second write, and the runtime has that batch's orders decided again.
 */
class BatchRaceTest {

    private static final InMemoryStore store = new InMemoryStore();

    @AfterAll
    static void stop() {
        store.close();
    }

    @Test
    void two_batches_that_both_read_the_last_units_hold_them_once_the_refused_one_decides_again() throws Exception {
        String product = store.product(5);
        InventorySteps steps = store.steps();
        CyclicBarrier bothDecided = new CyclicBarrier(2);
        AtomicInteger stores = new AtomicInteger();
        // Both batches have loaded and decided before either writes: the worst interleaving, every time.
        var saga = ParticipantHarness.of(new SagaParticipant<OrderStock>() {
            @Override
            public Map<String, OrderStock> load(Map<String, List<Event>> eventsByKey) {
                return steps.load(eventsByKey);
            }

            @Override
            public SagaStep<OrderStock> apply(Event event, OrderStock state) {
                return steps.apply(event, state);
            }

            @Override
            public Set<String> store(Map<String, OrderStock> changed) {
                if (stores.getAndIncrement() < 2) {
                    try {
                        bothDecided.await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return steps.store(changed);
            }
        });

        Map<String, Integer> commands = store.counted(() -> {
            try {
                Race.of(
                        2,
                        batch -> saga.deliverTogether(IntStream.range(0, 5)
                                .mapToObj(i -> SagaEvents.customerValidated(
                                        SagaEvents.newOrderId(),
                                        SagaEvents.newCustomerId(),
                                        List.of(new OrderLine(product, 1))))
                                .toList()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(saga.published().stream().filter(StockReserved.class::isInstance))
                .hasSize(5);
        assertThat(saga.published().stream().filter(StockRejected.class::isInstance))
                .hasSize(5);
        assertThat(store.stock(product)).containsExactly(0, 5, 0);
        assertThat(saga.deadLettered()).isEmpty();
        assertThat(stores).as("the refused batch stored again").hasValue(3);
        assertThat(commands.get("find products"))
                .as("two loads, the holders read, the reload")
                .isEqualTo(4);
    }
}
