package dev.ordersaga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.seed.GatewayClient;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What a run got that its mix did not ask for: counted per status and problem, with an example each. */
class UnexpectedAnswersTest {

    private static final String GATEWAY = "localhost:9080";

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private static final String UNAUTHORIZED = """
            {"type":"about:blank","title":"Unauthorized","status":401,
             "detail":"A valid bearer token is required (missing, expired or not trusted).",
             "instance":"/api/create_order","code":"UNAUTHORIZED"}""";

    private static final String INTERNAL_ERROR = """
            {"type":"about:blank","title":"Internal Server Error","status":500,
             "detail":"Something went wrong on our side. Try again later.","code":"INTERNAL_ERROR"}""";

    private static JsonNode json(String body) {
        return GatewayClient.JSON.readTree(body);
    }

    private static boolean problem(UnexpectedAnswers answers, Mix.Kind kind, int status, String body, long nanos) {
        return answers.answered(kind, status, "application/problem+json", json(body), body, nanos);
    }

    @Test
    void only_answers_other_than_the_one_each_request_asks_for_are_counted_per_status_and_problem() {
        var answers = new UnexpectedAnswers();

        assertThat(answers.answered(Mix.Kind.VALID, 201, "application/json", json("{\"status\":\"CONFIRMED\"}"), "", 0))
                .isFalse();
        assertThat(problem(answers, Mix.Kind.DECLINED, 402, "{\"code\":\"PAYMENT_DECLINED\"}", 0))
                .isFalse();
        assertThat(problem(answers, Mix.Kind.OUT_OF_STOCK, 409, "{\"code\":\"INSUFFICIENT_STOCK\"}", 0))
                .isFalse();
        assertThat(problem(answers, Mix.Kind.BAD_REQUEST, 400, "{\"code\":\"VALIDATION_FAILED\"}", 0))
                .isFalse();
        assertThat(answers.entries()).isEmpty();

        assertThat(problem(answers, Mix.Kind.VALID, 401, UNAUTHORIZED, 496 * SECOND + SECOND / 5))
                .isTrue();
        problem(answers, Mix.Kind.DECLINED, 401, UNAUTHORIZED, 497 * SECOND);
        problem(answers, Mix.Kind.VALID, 401, UNAUTHORIZED, 510 * SECOND);
        problem(answers, Mix.Kind.VALID, 500, INTERNAL_ERROR, 495 * SECOND);
        // a valid order answered 409 is no out-of-stock answer the mix asked for
        problem(answers, Mix.Kind.VALID, 409, "{\"title\":\"Conflict\",\"code\":\"ORDER_CANCELLED\"}", 20 * SECOND);

        List<UnexpectedAnswers.Entry> entries = answers.entries();
        assertThat(entries).hasSize(3);
        UnexpectedAnswers.Entry unauthorized = entries.get(0);
        assertThat(unauthorized.kind())
                .isEqualTo(new UnexpectedAnswers.Kind(401, "UNAUTHORIZED", "Unauthorized", null));
        assertThat(unauthorized.count()).isEqualTo(3);
        assertThat(unauthorized.outcome()).isEqualTo(Outcome.OTHER_4XX);
        assertThat(unauthorized.firstSecond()).isEqualTo(496);
        assertThat(unauthorized.lastSecond()).isEqualTo(510);
        assertThat(unauthorized.example().request()).isEqualTo(Mix.Kind.VALID);
        assertThat(unauthorized.example().atSecond()).isCloseTo(496.2, org.assertj.core.data.Offset.offset(0.001));
        assertThat(unauthorized.example().detail())
                .isEqualTo("A valid bearer token is required (missing, expired or not trusted).");
        assertThat(unauthorized.countIn(496, 498)).isEqualTo(2);
        assertThat(unauthorized.countIn(498, 600)).isEqualTo(1);
        assertThat(unauthorized.countIn(600, 500)).isZero();
        assertThat(entries)
                .extracting(e -> e.kind().code(), UnexpectedAnswers.Entry::outcome)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("INTERNAL_ERROR", Outcome.SERVER_ERROR),
                        org.assertj.core.groups.Tuple.tuple("ORDER_CANCELLED", Outcome.OUT_OF_STOCK));
    }

    @Test
    void a_body_that_is_no_problem_is_said_so_and_a_detail_keeps_its_first_line_cut_short() {
        var answers = new UnexpectedAnswers();
        answers.answered(Mix.Kind.VALID, 502, "text/html", null, "<html>\n<body>Bad Gateway</body></html>", 0);
        String longDetail = "x".repeat(500) + "\nsecond line";
        answers.answered(
                Mix.Kind.VALID,
                500,
                "application/problem+json",
                json("{\"type\":\"https://example.org/oops\",\"title\":\"Oops\",\"detail\":\""
                        + longDetail.replace("\n", "\\n") + "\"}"),
                "",
                0);

        var byStatus = answers.entries().stream()
                .collect(java.util.stream.Collectors.toMap(e -> e.kind().status(), e -> e));
        assertThat(byStatus.get(502).kind().title()).isEqualTo("no problem detail (text/html)");
        assertThat(byStatus.get(502).kind().code()).isNull();
        assertThat(byStatus.get(502).example().detail()).isEqualTo("<html>");
        assertThat(byStatus.get(500).kind().type()).isEqualTo("https://example.org/oops");
        assertThat(byStatus.get(500).example().detail())
                .hasSize(AnswerKinds.MAX_TEXT)
                .startsWith("xxx")
                .doesNotContain("second line");
    }

    @Test
    void requests_without_an_answer_are_counted_by_the_exception_inside_the_wrappers() {
        var answers = new UnexpectedAnswers();
        answers.unanswered(
                Mix.Kind.VALID,
                new CompletionException(new HttpConnectTimeoutException("HTTP connect timed out")),
                SECOND);
        answers.unanswered(
                Mix.Kind.DECLINED,
                new IllegalStateException("POST /api/create_order failed", new ConnectException("Connection refused")),
                2 * SECOND);
        answers.unsent(Mix.Kind.VALID, "client: more than 4000 requests in flight", 3 * SECOND);

        assertThat(answers.entries())
                .extracting(UnexpectedAnswers.Entry::kind)
                .containsExactlyInAnyOrder(
                        new UnexpectedAnswers.Kind(0, "HttpConnectTimeoutException", "HTTP connect timed out", null),
                        new UnexpectedAnswers.Kind(0, "ConnectException", "Connection refused", null),
                        new UnexpectedAnswers.Kind(0, "client", "client: more than 4000 requests in flight", null));
        assertThat(answers.entries()).allMatch(e -> e.outcome() == Outcome.CONNECTION_ERROR);
    }

    @Test
    void kinds_beyond_the_bound_are_counted_together_per_status() {
        var answers = new UnexpectedAnswers();
        for (int i = 0; i < 1_000; i++) {
            problem(answers, Mix.Kind.VALID, 500, "{\"title\":\"Failure " + i + "\"}", i * SECOND);
        }

        assertThat(answers.kinds()).isEqualTo(UnexpectedAnswers.MAX_KINDS + 1);
        assertThat(answers.entries().stream()
                        .mapToLong(UnexpectedAnswers.Entry::count)
                        .sum())
                .isEqualTo(1_000);
        assertThat(answers.entries().get(0).kind()).isEqualTo(UnexpectedAnswers.Kind.more(500));
        assertThat(answers.entries().get(0).count()).isEqualTo(1_000 - UnexpectedAnswers.MAX_KINDS);
    }

    @Test
    void the_reports_table_has_a_row_per_kind_with_its_count_and_an_example() {
        var answers = new UnexpectedAnswers();
        assertThat(UnexpectedAnswersTable.markdown(answers.entries()))
                .contains("Unexpected answers")
                .endsWith("none.\n");

        problem(answers, Mix.Kind.VALID, 401, UNAUTHORIZED, 496 * SECOND + SECOND / 5);
        problem(answers, Mix.Kind.VALID, 401, UNAUTHORIZED, 525 * SECOND);
        answers.unanswered(Mix.Kind.OUT_OF_STOCK, new ConnectException("Connection refused"), 173 * SECOND);

        String md = UnexpectedAnswersTable.markdown(answers.entries());
        assertThat(md)
                .contains("| status | code | title | answers | counted as | first / last at s | example |")
                .contains(
                        "| 401 | UNAUTHORIZED | Unauthorized | 2 | OTHER_4XX | 496 / 525 | valid order sent at 496.2 s:"
                                + " A valid bearer token is required (missing, expired or not trusted). |")
                .contains("| no answer | ConnectException | Connection refused | 1 | CONNECTION_ERROR | 173 / 173 |"
                        + " out of stock order sent at 173.0 s: Connection refused |");
        Map<String, Object> first =
                UnexpectedAnswersTable.json(answers.entries()).get(0);
        assertThat(first)
                .containsEntry("status", 401)
                .containsEntry("code", "UNAUTHORIZED")
                .containsEntry("count", 2L)
                .containsEntry("outcome", "OTHER_4XX");
    }

    @Test
    void a_runs_result_carries_its_unexpected_answers_by_the_second_their_request_was_sent() {
        AnswerLog log = new AnswerLog();
        long origin = System.nanoTime();
        log.startedAt(origin);

        log.record(
                answer(201, "application/json", "{\"order_id\":\"o-1\",\"status\":\"CONFIRMED\"}"),
                null,
                origin,
                Mix.Kind.VALID,
                GATEWAY);
        log.record(
                answer(401, "application/problem+json", UNAUTHORIZED),
                null,
                origin + 12 * SECOND,
                Mix.Kind.VALID,
                GATEWAY);
        log.record(
                answer(500, "application/problem+json", INTERNAL_ERROR),
                null,
                origin + 13 * SECOND,
                Mix.Kind.DECLINED,
                GATEWAY);
        log.record(
                null,
                new CompletionException(new ConnectException("Connection refused")),
                origin + 14 * SECOND,
                Mix.Kind.VALID,
                GATEWAY);

        var result = log.result(
                new LoadGenerator.Settings(10, 1, Duration.ofSeconds(20), 100, Mix.parse("85,5,5,5"), 1, 100),
                Duration.ofSeconds(20),
                4);

        assertThat(result.outcomes())
                .containsEntry(Outcome.CONFIRMED, 1L)
                .containsEntry(Outcome.OTHER_4XX, 1L)
                .containsEntry(Outcome.SERVER_ERROR, 1L)
                .containsEntry(Outcome.CONNECTION_ERROR, 1L);
        assertThat(result.unexpected())
                .extracting(e -> e.kind().status(), e -> e.kind().code(), UnexpectedAnswers.Entry::firstSecond)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(401, "UNAUTHORIZED", 12L),
                        org.assertj.core.groups.Tuple.tuple(500, "INTERNAL_ERROR", 13L),
                        org.assertj.core.groups.Tuple.tuple(0, "ConnectException", 14L));
        assertThat(result.acceptedOrderIds()).containsExactly("o-1");
    }

    private static HttpResponse<String> answer(int status, String contentType, String body) {
        return new Answer(status, body, HttpHeaders.of(Map.of("Content-Type", List.of(contentType)), (k, v) -> true));
    }

    private record Answer(int statusCode, String body, HttpHeaders headers) implements HttpResponse<String> {
        private static final URI URL = URI.create("http://localhost:9080/api/create_order");

        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(URL).build();
        }

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return URL;
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
