package dev.ordersaga.gateway.reply;

import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.events.OrderStatusChanged;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.support.web.Problems;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Turns order-service's replies into create_order's answers (SPEC §2, "Answers of create_order").
 * Pure functions: what the HTTP client sees for every status and reason is decided here and
 * nowhere else.
 */
public final class ReplyAnswers {

    /** The step a waiter starts from: the gateway has published the request. */
    public static final String FIRST_STEP = "OrderRequested";

    static final String INSTANCE = "/api/create_order";

    private ReplyAnswers() {}

    public static String statusUrl(String orderId) {
        return "/api/orders/" + orderId;
    }

    /**
     * The answer a waiter with {@code requestHash} gives for this reply, or empty when the order is
     * still on its way (the reply is progress).
     */
    public static Optional<Answer> answer(OrderStatusChanged reply, String requestHash) {
        if (!reply.requestHash().equals(requestHash) || reply.reason() == ReasonCode.IDEMPOTENCY_KEY_REUSED) {
            return Optional.of(keyReused(reply.orderId()));
        }
        return switch (reply.status()) {
            case CONFIRMED -> Optional.of(confirmed(reply));
            case REJECTED, CANCELLED -> Optional.of(ended(reply));
            case PENDING, CUSTOMER_VALIDATED, STOCK_RESERVED, PAYMENT_COMPLETED, COMPENSATING -> Optional.empty();
        };
    }

    static Answer confirmed(OrderStatusChanged reply) {
        return new Answer(HttpStatus.CREATED, ConfirmedOrder.of(reply), URI.create(statusUrl(reply.orderId())));
    }

    static Answer keyReused(String orderId) {
        ProblemDetail problem = problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                ReasonCode.IDEMPOTENCY_KEY_REUSED.name(),
                "This Idempotency-Key was already used for a different request body. Use a new key for a new order.",
                orderId);
        return Answer.problem(problem);
    }

    /** A rejected or cancelled order: the status follows the reason. */
    static Answer ended(OrderStatusChanged reply) {
        ReasonCode reason = reply.reason();
        String orderId = reply.orderId();
        if (reason == null) {
            return Answer.problem(unexplained(reply));
        }
        ProblemDetail problem = switch (reason) {
            case CUSTOMER_NOT_FOUND, CUSTOMER_INACTIVE ->
                problem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        reason.name(),
                        reason == ReasonCode.CUSTOMER_NOT_FOUND
                                ? "The customer of this order does not exist."
                                : "The customer of this order is not active.",
                        orderId);
            case PRODUCT_NOT_FOUND, PRODUCT_INACTIVE, INSUFFICIENT_STOCK, CURRENCY_MISMATCH -> {
                ProblemDetail p = problem(HttpStatus.CONFLICT, reason.name(), productDetail(reply), orderId);
                p.setProperty("product_ids", List.copyOf(reply.productIds()));
                yield p;
            }
            case PAYMENT_DECLINED, INVALID_PAYMENT_METHOD, AMOUNT_LIMIT_EXCEEDED ->
                problem(
                        HttpStatus.PAYMENT_REQUIRED,
                        reason.name(),
                        paymentDetail(reason) + " Nothing was charged and the reserved stock was released.",
                        orderId);
            case SAGA_TIMEOUT -> {
                ProblemDetail p = problem(
                        HttpStatus.GATEWAY_TIMEOUT,
                        reason.name(),
                        "The order did not complete in time and was cancelled; its stock was released"
                                + " and any payment refunded.",
                        orderId);
                p.setProperty("last_step", reply.lastStep());
                yield p;
            }
            case CANCELLED_ON_REQUEST ->
                problem(HttpStatus.CONFLICT, "ORDER_CANCELLED", "The order was cancelled on request.", orderId);
            case IDEMPOTENCY_KEY_REUSED -> (ProblemDetail) keyReused(orderId).body();
            case ORDER_ALREADY_TERMINAL -> unexplained(reply);
        };
        problem.setProperty("reason", reason.name());
        problem.setProperty("status_url", statusUrl(orderId));
        return Answer.problem(problem);
    }

    /** No progress within one hop: the order may still complete, so say where to look. */
    public static Answer hopTimeout(String orderId, String lastStep, OrderStatus lastStatus, Duration hopTimeout) {
        ProblemDetail problem = problem(
                HttpStatus.GATEWAY_TIMEOUT,
                "HOP_TIMEOUT",
                "No progress on the order for %s after step %s. It is still being processed and ends confirmed or cancelled by its deadline; follow status_url."
                        .formatted(human(hopTimeout), lastStep),
                orderId);
        problem.setProperty("last_step", lastStep);
        if (lastStatus != null) {
            problem.setProperty("order_status", lastStatus.name());
        }
        problem.setProperty("status_url", statusUrl(orderId));
        return Answer.problem(problem);
    }

    /** The broker did not take the request: no order was started. */
    public static Answer notAccepted(String orderId) {
        return Answer.problem(problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "ORDER_NOT_ACCEPTED",
                "The order could not be handed to the order pipeline. Nothing was ordered; retry with the same Idempotency-Key.",
                orderId));
    }

    private static ProblemDetail unexplained(OrderStatusChanged reply) {
        boolean cancelled = reply.status() == OrderStatus.CANCELLED;
        ProblemDetail problem = problem(
                HttpStatus.CONFLICT,
                cancelled ? "ORDER_CANCELLED" : "ORDER_REJECTED",
                reply.detail() != null ? reply.detail() : "The order was " + (cancelled ? "cancelled." : "rejected."),
                reply.orderId());
        problem.setProperty("status_url", statusUrl(reply.orderId()));
        return problem;
    }

    private static String productDetail(OrderStatusChanged reply) {
        String what = switch (reply.reason()) {
            case PRODUCT_NOT_FOUND -> "Some products do not exist";
            case PRODUCT_INACTIVE -> "Some products are not for sale";
            case INSUFFICIENT_STOCK -> "Some products are not in stock in the quantity asked for";
            default -> "Some products are priced in another currency than the rest of the order";
        };
        return what + ": " + String.join(", ", reply.productIds()) + ". Nothing was reserved.";
    }

    private static String paymentDetail(ReasonCode reason) {
        return switch (reason) {
            case PAYMENT_DECLINED -> "The payment was declined.";
            case INVALID_PAYMENT_METHOD -> "The payment method is not accepted.";
            default -> "The order total is above the payment limit.";
        };
    }

    private static ProblemDetail problem(HttpStatus status, String code, String detail, String orderId) {
        ProblemDetail problem = Problems.of(status, code, detail, INSTANCE);
        problem.setProperty("order_id", orderId);
        return problem;
    }

    private static String human(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}
