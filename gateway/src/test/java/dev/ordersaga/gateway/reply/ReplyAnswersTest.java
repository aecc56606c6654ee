package dev.ordersaga.gateway.reply;

import static dev.ordersaga.events.OrderStatus.CANCELLED;
import static dev.ordersaga.events.OrderStatus.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.events.ReasonCode;
import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** SPEC §2 "Answers of create_order", row by row. */
class ReplyAnswersTest {

    private static final String ORDER = "9b2f6c1e-0000-4000-8000-000000000001";
    private static final List<String> PRODUCTS = List.of(Replies.P2);

    static Stream<Arguments> table() {
        return Stream.of(
                arguments(REJECTED, ReasonCode.CUSTOMER_NOT_FOUND, 422, "CUSTOMER_NOT_FOUND"),
                arguments(REJECTED, ReasonCode.CUSTOMER_INACTIVE, 422, "CUSTOMER_INACTIVE"),
                arguments(REJECTED, ReasonCode.PRODUCT_NOT_FOUND, 409, "PRODUCT_NOT_FOUND"),
                arguments(REJECTED, ReasonCode.PRODUCT_INACTIVE, 409, "PRODUCT_INACTIVE"),
                arguments(REJECTED, ReasonCode.INSUFFICIENT_STOCK, 409, "INSUFFICIENT_STOCK"),
                arguments(REJECTED, ReasonCode.CURRENCY_MISMATCH, 409, "CURRENCY_MISMATCH"),
                arguments(REJECTED, ReasonCode.PAYMENT_DECLINED, 402, "PAYMENT_DECLINED"),
                arguments(REJECTED, ReasonCode.INVALID_PAYMENT_METHOD, 402, "INVALID_PAYMENT_METHOD"),
                arguments(REJECTED, ReasonCode.AMOUNT_LIMIT_EXCEEDED, 402, "AMOUNT_LIMIT_EXCEEDED"),
                arguments(REJECTED, ReasonCode.ORDER_ALREADY_TERMINAL, 409, "ORDER_REJECTED"),
                arguments(REJECTED, ReasonCode.IDEMPOTENCY_KEY_REUSED, 422, "IDEMPOTENCY_KEY_REUSED"),
                arguments(REJECTED, null, 409, "ORDER_REJECTED"),
                arguments(CANCELLED, ReasonCode.CANCELLED_ON_REQUEST, 409, "ORDER_CANCELLED"),
                arguments(CANCELLED, ReasonCode.SAGA_TIMEOUT, 504, "SAGA_TIMEOUT"),
                arguments(CANCELLED, ReasonCode.ORDER_ALREADY_TERMINAL, 409, "ORDER_CANCELLED"),
                arguments(CANCELLED, null, 409, "ORDER_CANCELLED"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @MethodSource("table")
    void an_ended_order_is_answered_with_the_status_and_code_of_its_reason(
            OrderStatus status, ReasonCode reason, int http, String code) {
        var reply = Replies.reply(ORDER, "h", status, "StockRejected", reason, PRODUCTS, List.of(), null, null);

        Answer answer = ReplyAnswers.answer(reply, "h").orElseThrow();

        assertThat(answer.status().value()).isEqualTo(http);
        ProblemDetail problem = (ProblemDetail) answer.body();
        assertThat(problem.getStatus()).isEqualTo(http);
        assertThat(problem.getProperties()).containsEntry("code", code).containsEntry("order_id", ORDER);
        assertThat(problem.getDetail()).isNotBlank();
        if (reason != null && reason != ReasonCode.IDEMPOTENCY_KEY_REUSED) {
            assertThat(problem.getProperties()).containsEntry("reason", reason.name());
        }
    }

    @Test
    void every_reason_code_has_a_row_in_the_table() {
        Set<ReasonCode> covered = table().map(a -> (ReasonCode) a.get()[1])
                .filter(r -> r != null)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ReasonCode.class)));
        assertThat(covered).containsExactlyInAnyOrder(ReasonCode.values());
    }

    @ParameterizedTest
    @EnumSource(
            value = ReasonCode.class,
            names = {"PRODUCT_NOT_FOUND", "PRODUCT_INACTIVE", "INSUFFICIENT_STOCK", "CURRENCY_MISMATCH"})
    void a_product_problem_names_the_products(ReasonCode reason) {
        var reply = Replies.ended(ORDER, "h", REJECTED, reason, List.of(Replies.P1, Replies.P2));

        ProblemDetail problem = problem(reply, "h");

        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getProperties()).containsEntry("product_ids", List.of(Replies.P1, Replies.P2));
        assertThat(problem.getDetail()).contains(Replies.P1).contains(Replies.P2);
    }

    @ParameterizedTest
    @EnumSource(
            value = ReasonCode.class,
            names = {"PAYMENT_DECLINED", "INVALID_PAYMENT_METHOD", "AMOUNT_LIMIT_EXCEEDED"})
    void a_payment_problem_says_the_stock_was_released(ReasonCode reason) {
        ProblemDetail problem = problem(Replies.ended(ORDER, "h", REJECTED, reason, List.of()), "h");

        assertThat(problem.getStatus()).isEqualTo(402);
        assertThat(problem.getDetail()).contains("stock was released");
    }

    @Test
    void a_saga_timeout_gives_the_last_step_and_the_status_url() {
        var reply = Replies.reply(
                ORDER, "h", CANCELLED, "OrderCancelled", ReasonCode.SAGA_TIMEOUT, List.of(), List.of(), null, null);

        ProblemDetail problem = problem(reply, "h");

        assertThat(problem.getStatus()).isEqualTo(504);
        assertThat(problem.getProperties())
                .containsEntry("last_step", "OrderCancelled")
                .containsEntry("status_url", "/api/orders/" + ORDER);
    }

    @ParameterizedTest
    @EnumSource(
            value = OrderStatus.class,
            names = {"PENDING", "CUSTOMER_VALIDATED", "STOCK_RESERVED", "PAYMENT_COMPLETED", "COMPENSATING"})
    void a_status_that_is_not_terminal_is_progress_not_an_answer(OrderStatus status) {
        assertThat(ReplyAnswers.answer(Replies.progress(ORDER, "h", status, "x"), "h"))
                .isEmpty();
    }

    @Test
    void a_confirmed_order_is_201_with_lines_unit_prices_line_totals_total_payment_and_location() {
        Answer answer = ReplyAnswers.answer(Replies.confirmed(ORDER, "h"), "h").orElseThrow();

        assertThat(answer.status()).isEqualTo(HttpStatus.CREATED);
        assertThat(answer.location()).isEqualTo(URI.create("/api/orders/" + ORDER));
        ConfirmedOrder body = (ConfirmedOrder) answer.body();
        assertThat(body.orderId()).isEqualTo(ORDER);
        assertThat(body.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(body.customerId()).isEqualTo(Replies.CUSTOMER);
        assertThat(body.lines())
                .containsExactly(
                        new ConfirmedOrder.Line(Replies.P1, 1, Money.of("999.99", "EUR"), Money.of("999.99", "EUR")),
                        new ConfirmedOrder.Line(Replies.P2, 2, Money.of("49.50", "EUR"), Money.of("99.00", "EUR")));
        assertThat(body.total()).isEqualTo(Money.of("1098.99", "EUR"));
        assertThat(body.paymentId()).isEqualTo("pay-" + ORDER);
        assertThat(body.createdAt()).isEqualTo(Replies.CREATED);
        assertThat(body.updatedAt()).isEqualTo(Replies.CREATED.plusSeconds(1));
    }

    @Test
    void a_reply_carrying_another_request_hash_is_422_whatever_the_status() {
        for (OrderStatus status : Arrays.asList(OrderStatus.PENDING, OrderStatus.CONFIRMED, REJECTED)) {
            var reply = status == OrderStatus.CONFIRMED
                    ? Replies.confirmed(ORDER, "stored-hash")
                    : Replies.progress(ORDER, "stored-hash", status, "x");

            ProblemDetail problem = problem(reply, "this-request-hash");

            assertThat(problem.getStatus()).as(status.name()).isEqualTo(422);
            assertThat(problem.getProperties()).containsEntry("code", "IDEMPOTENCY_KEY_REUSED");
        }
    }

    private static ProblemDetail problem(dev.ordersaga.events.OrderStatusChanged reply, String hash) {
        return (ProblemDetail) ReplyAnswers.answer(reply, hash).orElseThrow().body();
    }
}
