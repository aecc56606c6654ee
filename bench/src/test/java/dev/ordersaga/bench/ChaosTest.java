package dev.ordersaga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.seed.GatewayClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The chaos plan is replayable and within its bounds; a fault's cost is read from the timeline. */
class ChaosTest {

    private static final List<String> TARGETS =
            List.of("kafka", "mongo", "gateway", "order-service", "order-service#1", "inventory-service");

    private static ChaosPlan.Settings settings(long seed) {
        return new ChaosPlan.Settings(
                Duration.ofMinutes(10),
                Duration.ofSeconds(20),
                Duration.ofSeconds(40),
                Duration.ofSeconds(5),
                Duration.ofSeconds(60),
                0.5,
                0.2,
                Duration.ofSeconds(15),
                seed);
    }

    @Test
    void the_same_seed_gives_the_same_faults_and_another_seed_others() {
        assertThat(ChaosPlan.plan(settings(7), TARGETS)).isEqualTo(ChaosPlan.plan(settings(7), TARGETS));
        assertThat(ChaosPlan.plan(settings(7), TARGETS)).isNotEqualTo(ChaosPlan.plan(settings(8), TARGETS));
    }

    @Test
    void faults_keep_their_gaps_and_freeze_lengths_and_end_before_the_quiet_end() {
        for (long seed = 1; seed <= 50; seed++) {
            List<ChaosPlan.Fault> plan = ChaosPlan.plan(settings(seed), TARGETS);
            assertThat(plan).isNotEmpty();
            long previousEnd = 0;
            for (ChaosPlan.Fault f : plan) {
                long gap = f.at().toSeconds() - previousEnd;
                assertThat(gap).as("seed %d fault %d", seed, f.number()).isBetween(20L, 40L);
                assertThat(f.hits()).hasSizeBetween(1, 2);
                assertThat(f.hits().stream().map(ChaosPlan.Hit::target).distinct())
                        .hasSameSizeAs(f.hits());
                for (ChaosPlan.Hit h : f.hits()) {
                    assertThat(TARGETS).contains(h.target());
                    if (h.kind() == ChaosPlan.Kind.FREEZE) {
                        assertThat(h.freeze().toSeconds()).isBetween(5L, 60L);
                    } else {
                        assertThat(h.freeze()).isZero();
                    }
                }
                previousEnd = f.at().toSeconds() + f.frozenFor().toSeconds();
                assertThat(previousEnd).isLessThanOrEqualTo(600 - 15);
            }
        }
    }

    @Test
    void a_plan_over_ten_minutes_has_kills_freezes_and_double_faults() {
        List<ChaosPlan.Fault> all = new java.util.ArrayList<>();
        for (long seed = 1; seed <= 5; seed++) {
            all.addAll(ChaosPlan.plan(settings(seed), TARGETS));
        }
        assertThat(all).anyMatch(f -> f.hits().size() == 2);
        assertThat(all.stream().flatMap(f -> f.hits().stream()).map(ChaosPlan.Hit::kind))
                .contains(ChaosPlan.Kind.KILL, ChaosPlan.Kind.FREEZE);
    }

    @Test
    void a_faults_cost_counts_its_504s_during_and_after_and_the_seconds_until_clean_201s() {
        long origin = 0;
        AnswerTimeline timeline = new AnswerTimeline(origin);
        long sec = TimeUnit.SECONDS.toNanos(1);
        for (long s = 0; s < 30; s++) {
            Outcome o =
                    s >= 10 && s < 15 ? Outcome.TIMEOUT_504 : s >= 15 && s < 18 ? Outcome.SHED_503 : Outcome.CONFIRMED;
            timeline.record(s * sec + 1, o);
            timeline.record(s * sec + 2, s == 17 ? Outcome.TIMEOUT_504 : o);
        }
        var fault = new ChaosPlan.Fault(
                1,
                Duration.ofSeconds(10),
                List.of(new ChaosPlan.Hit("kafka", ChaosPlan.Kind.FREEZE, Duration.ofSeconds(4))));
        var done = new ChaosInjector.Done(fault, 10 * sec, 14 * sec + 5, List.of("kafka frozen 4 s"));

        ChaosReport.Cost cost = ChaosReport.costs(List.of(done), timeline, 30).get(0);

        assertThat(cost.startSecond()).isEqualTo(10);
        assertThat(cost.endSecond()).isEqualTo(14);
        assertThat(cost.during()[0]).as("504 during").isEqualTo(10);
        assertThat(cost.after()[0]).as("504 after").isEqualTo(1);
        assertThat(cost.after()[1]).as("503 after").isEqualTo(5);
        assertThat(cost.recovery()).as("201 again from second 18").isEqualTo(4);
        assertThat(ChaosChart.svg("t", timeline, 30, List.of(done)))
                .startsWith("<svg")
                .contains("#1 SIGSTOP kafka 4 s")
                .contains("#d32f2f");
    }

    @Test
    void with_two_gateways_a_faults_504s_are_split_by_the_gateway_that_answered_them() {
        AnswerTimeline timeline = new AnswerTimeline(0);
        long sec = TimeUnit.SECONDS.toNanos(1);
        for (long s = 0; s < 30; s++) {
            timeline.record(s * sec + 1, Outcome.CONFIRMED, "localhost:9080");
            timeline.record(s * sec + 2, s >= 10 && s < 16 ? Outcome.TIMEOUT_504 : Outcome.CONFIRMED, "localhost:9180");
        }
        var fault = new ChaosPlan.Fault(
                1,
                Duration.ofSeconds(10),
                List.of(new ChaosPlan.Hit("gateway#1", ChaosPlan.Kind.FREEZE, Duration.ofSeconds(4))));
        var done = new ChaosInjector.Done(fault, 10 * sec, 14 * sec + 5, List.of("gateway#1 frozen 4 s"));

        ChaosReport.Cost cost = ChaosReport.costs(List.of(done), timeline, 30).get(0);

        assertThat(cost.during()[0]).as("504 during, both gateways").isEqualTo(5);
        assertThat(cost.timeoutsByGateway()).isEqualTo(":9080 0 / 0, :9180 5 / 1");
        assertThat(timeline.byGateway().get("localhost:9180").count(Outcome.TIMEOUT_504))
                .isEqualTo(6);
        assertThat(timeline.total()).isEqualTo(60);
        assertThat(ChaosReport.costs(List.of(done), new AnswerTimeline(0), 30)
                        .get(0)
                        .timeoutsByGateway())
                .as("one gateway or none named: no split")
                .isEmpty();
    }

    @Test
    void a_faults_row_names_its_other_unexpected_answers_by_kind_during_and_after_but_503_and_504() {
        long sec = TimeUnit.SECONDS.toNanos(1);
        AnswerTimeline timeline = new AnswerTimeline(0);
        var answers = new UnexpectedAnswers();
        String unauthorized = "{\"title\":\"Unauthorized\",\"code\":\"UNAUTHORIZED\"}";
        String hopTimeout = "{\"title\":\"Gateway Timeout\",\"code\":\"HOP_TIMEOUT\"}";
        for (long s = 0; s < 30; s++) {
            timeline.record(s * sec + 1, s >= 10 && s < 18 ? Outcome.OTHER_4XX : Outcome.CONFIRMED);
            if (s >= 10 && s < 18) {
                answers.answered(
                        Mix.Kind.VALID,
                        401,
                        "application/problem+json",
                        GatewayClient.JSON.readTree(unauthorized),
                        "",
                        s * sec);
                answers.answered(
                        Mix.Kind.VALID,
                        504,
                        "application/problem+json",
                        GatewayClient.JSON.readTree(hopTimeout),
                        "",
                        s * sec);
            }
        }
        answers.unanswered(Mix.Kind.DECLINED, new java.net.ConnectException("Connection refused"), 11 * sec);
        answers.unanswered(Mix.Kind.VALID, new java.net.ConnectException("Connection refused"), 40 * sec);
        var fault = new ChaosPlan.Fault(
                1,
                Duration.ofSeconds(10),
                List.of(new ChaosPlan.Hit("auth-service", ChaosPlan.Kind.FREEZE, Duration.ofSeconds(4))));
        var done = new ChaosInjector.Done(fault, 10 * sec, 14 * sec + 5, List.of("auth-service frozen 4 s"));

        ChaosReport.Cost cost = ChaosReport.costs(List.of(done), timeline, 30, answers.entries())
                .get(0);

        assertThat(cost.recovery()).as("201 again from second 18").isEqualTo(4);
        assertThat(cost.unexpected()).isEqualTo("401 UNAUTHORIZED 5 / 3; no answer ConnectException 1 / 0");
        assertThat(ChaosReport.costs(List.of(done), timeline, 30).get(0).unexpected())
                .isEmpty();
    }
}
