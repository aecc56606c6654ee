package dev.ordersaga.order.saga;

import dev.ordersaga.order.config.SagaSettings;
import dev.ordersaga.support.tracing.SagaTracing;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Every {@code saga.sweep-interval}, looks at the open sagas that are due: cancels the orders
 * past their deadline and publishes again the decisions whose outcome never reached the broker.
 * Deadlines are stored, so this survives restarts. Safe with several instances: a cancellation is
 * a conditional write only one of them wins, and a re-published outcome carries the decision's own
 * event id.
 */
@Component
class DeadlineSweeper implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DeadlineSweeper.class);

    private final OpenSagas openSagas;
    private final OrderSaga saga;
    private final StepPublisher steps;
    private final SagaSettings settings;
    private final Clock clock;
    private final SagaTracing tracing;

    DeadlineSweeper(
            OpenSagas openSagas,
            OrderSaga saga,
            StepPublisher steps,
            SagaSettings settings,
            Clock clock,
            SagaTracing tracing) {
        this.tracing = tracing;
        this.openSagas = openSagas;
        this.saga = saga;
        this.steps = steps;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::sweep, settings.sweepInterval());
    }

    void sweep() {
        try {
            for (OpenSaga open : openSagas.due(clock.instant(), settings.sweepBatch())) {
                try {
                    // in the order's own trace: a deadline cancellation or a re-published decision
                    // shows up where the order's saga is
                    tracing.continueTrace(open.traceparent(), "order-saga sweep", open.orderId(), () -> {
                        saga.review(open).ifPresent(steps::publish);
                        return null;
                    });
                } catch (RuntimeException e) {
                    // The saga stays open: the next run looks at it again.
                    log.warn("could not finish the saga of order {}", open.orderId(), e);
                }
            }
        } catch (RuntimeException e) {
            // Never let one failed run (e.g. the database briefly away) stop the schedule.
            log.warn("deadline sweep failed; next run in {}", settings.sweepInterval(), e);
        }
    }
}
