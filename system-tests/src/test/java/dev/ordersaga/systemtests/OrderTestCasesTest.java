package dev.ordersaga.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.systemtests.OrderTestCases.Step;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * ORDER_TEST_CASES.md is readable as the suite's script and covers every outcome of create_order
 * (checked without a stack, so a broken case fails fast in the unit tests).
 */
class OrderTestCasesTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private final List<Step> steps = OrderTestCases.parse(OrderTestCases.file(ROOT));

    @Test
    void every_outcome_of_create_order_has_a_case() {
        Set<Integer> statuses = steps.stream()
                .filter(s -> s.url().endsWith("/api/create_order"))
                .map(Step::status)
                .collect(Collectors.toSet());
        assertThat(statuses).contains(201, 400, 401, 403, 402, 409, 422, 504);

        Set<String> codes = steps.stream()
                .flatMap(s -> s.checks().stream())
                .filter(c -> c.path().equals("code"))
                .map(OrderTestCases.Check::value)
                .collect(Collectors.toSet());
        for (ReasonCode reason : List.of(
                ReasonCode.CUSTOMER_NOT_FOUND,
                ReasonCode.CUSTOMER_INACTIVE,
                ReasonCode.PRODUCT_NOT_FOUND,
                ReasonCode.PRODUCT_INACTIVE,
                ReasonCode.INSUFFICIENT_STOCK,
                ReasonCode.PAYMENT_DECLINED,
                ReasonCode.INVALID_PAYMENT_METHOD,
                ReasonCode.AMOUNT_LIMIT_EXCEEDED,
                ReasonCode.SAGA_TIMEOUT,
                ReasonCode.IDEMPOTENCY_KEY_REUSED)) {
            assertThat(codes).as("a case answering " + reason).contains(reason.name());
        }
        assertThat(codes).contains("VALIDATION_FAILED", "MALFORMED_REQUEST", "UNAUTHORIZED", "FORBIDDEN");
        assertThat(codes).contains("HOP_TIMEOUT", "ORDER_CANCELLED");
    }

    @Test
    void the_payment_rules_are_triggered_as_documented() {
        assertThat(body("payment_declined")).contains("\"payment_method\": \"test_declined_card\"");
        assertThat(body("invalid_payment_method")).contains("\"payment_method\": \"bitcoin\"");
        assertThat(body("amount_limit_exceeded")).contains("\"quantity\": 5");
    }

    @Test
    void the_first_case_is_the_spec_request_with_the_token_in_the_body() {
        Step first = steps.getFirst();
        assertThat(first.caseName()).isEqualTo("confirmed_token_in_body");
        assertThat(first.method()).isEqualTo("POST");
        assertThat(first.headers()).containsExactly(Map.entry("Content-Type", "application/json"));
        assertThat(first.body())
                .contains("\"token\": \"$TOKEN\"", "6849dd2562e5fa1c135a04fb", "6849dd2a5b6717b8055f93a9");
        assertThat(first.status()).isEqualTo(201);
    }

    @Test
    void every_variable_is_set_up_or_captured_before_it_is_used() {
        Set<String> known = new HashSet<>(OrderCaseRunner.SETUP_VARIABLES);
        for (Step step : steps) {
            assertThat(known).as(step.toString()).containsAll(step.variables());
            known.addAll(step.captures().keySet());
        }
    }

    @Test
    void preconditions_name_a_stopped_component() {
        steps.stream()
                .filter(s -> s.when() != null)
                .forEach(s -> assertThat(OrderCaseRunner.stoppedComponent(s))
                        .as(s.toString())
                        .isNotNull());
    }

    @Test
    void shell_words_follow_shell_quoting() {
        assertThat(OrderTestCases.shellWords("curl -s -H \"Authorization: Bearer $TOKEN\" '$GW/x' a\\ b"))
                .containsExactly("curl", "-s", "-H", "Authorization: Bearer $TOKEN", "$GW/x", "a\\", "b");
    }

    @Test
    void a_block_without_expectation_is_refused() {
        assertThatThrownBy(() -> OrderTestCases.parse(List.of("```bash", "# case: x", "curl -s \"$GW/y\"", "```")))
                .hasMessageContaining("expect");
    }

    @Test
    void unknown_variables_are_an_error_not_an_empty_string() {
        assertThat(OrderTestCases.substitute("$GW/api/${X}", Map.of("GW", "http://h", "X", "y")))
                .isEqualTo("http://h/api/y");
        assertThatThrownBy(() -> OrderTestCases.substitute("$NOPE", Map.of())).hasMessageContaining("$NOPE");
    }

    private String body(String caseName) {
        return steps.stream()
                .filter(s -> s.caseName().equals(caseName))
                .findFirst()
                .orElseThrow()
                .body();
    }
}
