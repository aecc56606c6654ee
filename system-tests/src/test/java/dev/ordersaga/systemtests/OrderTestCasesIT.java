package dev.ordersaga.systemtests;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.ordersaga.localstack.Component;
import dev.ordersaga.localstack.Stack;
import dev.ordersaga.systemtests.OrderTestCases.Step;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every case of ORDER_TEST_CASES.md, in file order, through the gateway of the real stack. */
@Order(1)
@ExtendWith(E2eStack.class)
class OrderTestCasesIT {

    @TestFactory
    Stream<DynamicTest> every_case_of_order_test_cases_md() {
        E2eStack.Running running = E2eStack.get();
        Path root = running.stack().config().root();
        List<Step> steps = OrderTestCases.parse(OrderTestCases.file(root));
        Map<String, String> variables = new HashMap<>(running.variables());
        return steps.stream()
                .map(step -> dynamicTest(step.caseName() + " (ORDER_TEST_CASES.md:" + step.line() + ")", () -> {
                    meetPrecondition(running.stack(), step);
                    OrderCaseRunner.run(step, variables);
                }));
    }

    /** {@code # when: X stopped}: stop X; a step without it runs on the whole stack again. */
    private static void meetPrecondition(Stack stack, Step step) {
        Component stopped = OrderCaseRunner.stoppedComponent(step);
        if (stopped != null) {
            stack.stop(stopped);
        } else {
            restoreAll(stack);
        }
    }

    private static void restoreAll(Stack stack) {
        boolean anyDown = java.util.Arrays.stream(Component.values())
                .anyMatch(c -> stack.process(c).isEmpty());
        if (anyDown) {
            stack.up();
        }
    }

    @AfterAll
    static void everythingRunsAgain() {
        restoreAll(E2eStack.get().stack());
    }
}
