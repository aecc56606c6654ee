package dev.ordersaga.systemtests;

import dev.ordersaga.localstack.Component;
import dev.ordersaga.systemtests.OrderTestCases.Check;
import dev.ordersaga.systemtests.OrderTestCases.Step;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

/** Runs one step of ORDER_TEST_CASES.md against a gateway and checks its answer. */
public final class OrderCaseRunner {

    /** The variables the set-up block of ORDER_TEST_CASES.md defines. */
    public static final List<String> SETUP_VARIABLES = List.of("GW", "TOKEN", "ADMIN_TOKEN", "KEY");

    private OrderCaseRunner() {}

    /** The component a {@code # when: <component> stopped} precondition names. */
    public static Component stoppedComponent(Step step) {
        if (step.when() == null || !step.when().endsWith(" stopped")) {
            return null;
        }
        return Component.byName(step.when().substring(0, step.when().length() - " stopped".length()));
    }

    /**
     * Sends the step's request (again and again within its retry window) until the answer matches;
     * stores its captures in {@code variables}; throws an AssertionError naming the case otherwise.
     */
    public static Http.Answer run(Step step, Map<String, String> variables) {
        String url = OrderTestCases.substitute(step.url(), variables);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, String> h : step.headers()) {
            headers.add(Map.entry(h.getKey(), OrderTestCases.substitute(h.getValue(), variables)));
        }
        String body = OrderTestCases.substitute(step.body(), variables);
        AtomicReference<Http.Answer> last = new AtomicReference<>();
        Callable<Boolean> matches = () -> {
            last.set(Http.send(step.method(), url, headers, body));
            return problems(step, last.get(), variables).isEmpty();
        };
        boolean ok;
        try {
            if (step.retry().isZero()) {
                ok = matches.call();
            } else {
                Awaitility.await()
                        .atMost(step.retry())
                        .pollInterval(Duration.ofSeconds(1))
                        .ignoreExceptions()
                        .until(matches);
                ok = true;
            }
        } catch (ConditionTimeoutException e) {
            ok = false;
        } catch (Exception e) {
            throw new AssertionError(step + ": " + step.method() + " " + url + " failed: " + e, e);
        }
        Http.Answer answer = last.get();
        if (!ok) {
            throw new AssertionError(step + ": " + step.method() + " " + url + " answered " + answer + "\n  expected "
                    + step.status() + " " + step.checks() + "\n  but: "
                    + String.join("; ", problems(step, answer, variables)));
        }
        for (Map.Entry<String, String> capture : step.captures().entrySet()) {
            JsonNode value = at(answer.json(), capture.getValue());
            if (value.isMissingNode() || value.isNull()) {
                throw new AssertionError(step + ": nothing to capture at " + capture.getValue() + " in " + answer);
            }
            variables.put(capture.getKey(), value.asString());
        }
        return answer;
    }

    static List<String> problems(Step step, Http.Answer answer, Map<String, String> variables) {
        List<String> problems = new ArrayList<>();
        if (answer.status() != step.status()) {
            problems.add("status " + answer.status() + " instead of " + step.status());
        }
        JsonNode json = answer.json();
        for (Check check : step.checks()) {
            String expected = OrderTestCases.substitute(check.value(), variables);
            JsonNode actual = at(json, check.path());
            boolean present = !actual.isMissingNode() && !actual.isNull();
            boolean ok = switch (check.operator()) {
                case "=" -> present && same(actual, expected);
                case "!=" -> !present || !same(actual, expected);
                case "~" -> present && actual.toString().contains(expected);
                default -> false;
            };
            if (!ok) {
                problems.add(check.path() + " is " + (present ? actual.toString() : "missing") + ", expected "
                        + check.operator() + expected);
            }
        }
        return problems;
    }

    private static boolean same(JsonNode actual, String expected) {
        if (actual.isNumber()) {
            try {
                return actual.decimalValue().compareTo(new BigDecimal(expected)) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return actual.isValueNode() && actual.asString().equals(expected);
    }

    /** A dotted path into the JSON ({@code total.amount}). */
    static JsonNode at(JsonNode json, String path) {
        JsonNode node = json;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }
}
