package dev.ordersaga.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

/** Every refusal of the API is an RFC 9457 problem: an HTTP status and a stable {@code code} for machines. */
public final class ProblemAssertions {

    private ProblemAssertions() {}

    /** The answer has this status and this problem {@code code}; a failure shows the body. */
    public static void assertProblem(HttpResponse<String> answer, int status, String code) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(TestHttp.json(answer).get("code").asString())
                .as(answer.body())
                .isEqualTo(code);
    }
}
