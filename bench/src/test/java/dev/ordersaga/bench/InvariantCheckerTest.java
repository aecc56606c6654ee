package dev.ordersaga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.bench.InvariantChecker.Check;
import dev.ordersaga.seed.GatewayClient;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The request accounting: every accepted order exists, and no order of the run is more than its request. */
class InvariantCheckerTest {

    private static final Set<String> RUN = Set.of("c-1");

    @Test
    void every_order_named_by_an_answer_passes() {
        var checks = InvariantChecker.accounting(
                orders("o-1", "o-2", "other:c-9"), new RunOrders(Set.of("o-1", "o-2"), Set.of(), 0, 0), RUN);

        assertThat(checks).allMatch(Check::pass);
    }

    @Test
    void an_accepted_order_missing_is_lost() {
        var checks =
                InvariantChecker.accounting(orders("o-1"), new RunOrders(Set.of("o-1", "o-2"), Set.of(), 0, 0), RUN);

        assertThat(checks.get(0).pass()).isFalse();
        assertThat(checks.get(0).detail()).contains("1 lost").contains("o-2");
    }

    @Test
    void an_order_nobody_asked_for_is_a_duplicate() {
        var checks =
                InvariantChecker.accounting(orders("o-1", "o-3"), new RunOrders(Set.of("o-1"), Set.of(), 0, 0), RUN);

        assertThat(checks.get(1).pass()).isFalse();
        assertThat(checks.get(1).detail()).contains("named by no answer=1 [o-3 (CONFIRMED, customer c-1)]");
    }

    @Test
    void an_order_of_a_request_without_an_answer_is_allowed_once_per_such_request() {
        RunOrders oneUnanswered = new RunOrders(Set.of("o-1"), Set.of(), 1, 0);

        assertThat(InvariantChecker.accounting(orders("o-1", "o-3"), oneUnanswered, RUN))
                .allMatch(Check::pass);
        assertThat(InvariantChecker.accounting(orders("o-1", "o-3", "o-4"), oneUnanswered, RUN)
                        .get(1)
                        .pass())
                .isFalse();
    }

    @Test
    void an_order_a_503_named_may_exist_or_not() {
        RunOrders uncertain = new RunOrders(Set.of("o-1"), Set.of("o-5"), 0, 0);

        assertThat(InvariantChecker.accounting(orders("o-1", "o-5"), uncertain, RUN))
                .allMatch(Check::pass);
        assertThat(InvariantChecker.accounting(orders("o-1"), uncertain, RUN)).allMatch(Check::pass);
    }

    @Test
    void an_id_answered_twice_or_listed_twice_fails() {
        assertThat(InvariantChecker.accounting(orders("o-1"), new RunOrders(Set.of("o-1"), Set.of(), 0, 1), RUN)
                        .get(1)
                        .pass())
                .isFalse();
        assertThat(InvariantChecker.accounting(orders("o-1", "o-1"), new RunOrders(Set.of("o-1"), Set.of(), 0, 0), RUN)
                        .get(1)
                        .pass())
                .isFalse();
    }

    @Test
    void runs_add_up() {
        RunOrders both = new RunOrders(Set.of("a"), Set.of("u"), 1, 0).plus(new RunOrders(Set.of("b"), Set.of(), 2, 1));

        assertThat(both).isEqualTo(new RunOrders(Set.of("a", "b"), Set.of("u"), 3, 1));
        assertThat(both.plusAccepted(Set.of("p")).accepted()).containsExactlyInAnyOrder("a", "b", "p");
    }

    /** Orders of customer c-1, or {@code id:customer} for another customer's. */
    private static List<JsonNode> orders(String... ids) {
        return Stream.of(ids)
                .map(id -> {
                    String[] parts = id.split(":");
                    return (JsonNode) GatewayClient.JSON
                            .createObjectNode()
                            .put("order_id", parts[0])
                            .put("customer_id", parts.length > 1 ? parts[1] : "c-1")
                            .put("status", "CONFIRMED");
                })
                .toList();
    }
}
