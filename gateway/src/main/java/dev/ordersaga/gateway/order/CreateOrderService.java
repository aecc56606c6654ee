package dev.ordersaga.gateway.order;

import dev.ordersaga.events.EventIds;
import dev.ordersaga.events.OrderRequested;
import dev.ordersaga.gateway.reply.Answer;
import dev.ordersaga.gateway.reply.ReplyAnswers;
import dev.ordersaga.gateway.reply.ReplyConsumer;
import dev.ordersaga.gateway.reply.ReplyWaiters;
import dev.ordersaga.gateway.reply.Waiter;
import dev.ordersaga.saga.EventPublisher;
import dev.ordersaga.support.security.Caller;
import dev.ordersaga.support.tracing.SagaTracing;
import dev.ordersaga.support.web.ApiException;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Turns one create_order request into the saga's first event and hands back the future answer.
 * Nothing here blocks: the publish is asynchronous and the answer completes when the reply
 * consumer (or the hop timeout sweeper) decides it.
 */
@Service
public class CreateOrderService {

    private static final Logger log = LoggerFactory.getLogger(CreateOrderService.class);

    private final TokenCaller callers;
    private final ReplyWaiters waiters;
    private final ReplyConsumer replies;
    private final EventPublisher publisher;
    private final OrderAdmission admission;
    private final PublishWatch publishes;
    private final Clock clock;
    private final SagaTracing tracing;

    CreateOrderService(
            TokenCaller callers,
            ReplyWaiters waiters,
            ReplyConsumer replies,
            EventPublisher publisher,
            OrderAdmission admission,
            PublishWatch publishes,
            Clock clock,
            SagaTracing tracing) {
        this.tracing = tracing;
        this.callers = callers;
        this.admission = admission;
        this.publishes = publishes;
        this.waiters = waiters;
        this.replies = replies;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Checks, in this order: readiness (503), token (401), admission (429 per user, 503 when
     * overloaded or while the broker leaves orders unacknowledged), body (400), ownership (403); then
     * registers the waiter, publishes {@code OrderRequested} (watched until the broker acknowledges it,
     * see {@link PublishWatch}) and returns the pending answer.
     */
    public CompletableFuture<Answer> createOrder(JsonNode body, String idempotencyKey) {
        if (!replies.isAssigned()) {
            throw GatewayProblem.unavailable(
                    "NOT_READY", "The gateway is starting and cannot take orders yet. Retry shortly.");
        }
        Caller caller = callers.resolve(body);
        admission.admit(caller.userId());
        CreateOrderCommand command = CreateOrderParser.parse(body, idempotencyKey);
        if (!mayOrderFor(caller, command.customerId())) {
            throw ApiException.forbidden("You may place orders only for your own customer account.")
                    .with("customer_id", command.customerId());
        }
        String orderId = OrderIdentity.orderId(caller.userId(), idempotencyKey);
        String requestHash = OrderIdentity.requestHash(command);
        Waiter waiter = waiters.register(orderId, requestHash);
        OrderRequested requested = new OrderRequested(
                EventIds.fresh(),
                orderId,
                clock.instant(),
                UUID.randomUUID().toString(),
                command.customerId(),
                caller.userId(),
                command.lines(),
                command.paymentMethod(),
                command.shippingAddress(),
                command.billingAddress(),
                requestHash);
        long ticket = publishes.started();
        try {
            // the replies come back to this instance only (reply_to: its id)
            tracing.withOrderId(orderId, () -> publisher.publishAsync(requested, replies.groupId()))
                    .whenComplete((sent, failure) -> {
                        publishes.finished(ticket);
                        if (failure != null) {
                            log.error("order {} not accepted by the broker", orderId, failure);
                            waiters.abandon(waiter, ReplyAnswers.notAccepted(orderId));
                        }
                    });
        } catch (RuntimeException e) {
            publishes.finished(ticket);
            log.error("order {} could not be published", orderId, e);
            waiters.abandon(waiter, ReplyAnswers.notAccepted(orderId));
        }
        log.debug("order {} requested by {} for customer {}", orderId, caller.userId(), command.customerId());
        return waiter.answer();
    }

    /** An admin orders for anyone; a customer only for the customer record linked to the user. */
    static boolean mayOrderFor(Caller caller, String customerId) {
        if (caller.isAdmin()) {
            return true;
        }
        return caller.roles().contains(Caller.CUSTOMER)
                && caller.customerId() != null
                && caller.customerId().toLowerCase(Locale.ROOT).equals(customerId);
    }
}
