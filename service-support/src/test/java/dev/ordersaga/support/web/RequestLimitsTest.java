package dev.ordersaga.support.web;

import static dev.ordersaga.testsupport.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.testsupport.RawHttp;
import dev.ordersaga.testsupport.SagaServiceTest;
import dev.ordersaga.testsupport.TestJwks;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Size and shape limits of every service (service-support's defaults: 64 KB bodies, 32 levels,
 * 100-digit numbers, 16 K-character strings), and refusals from outside Spring MVC as problem
 * details.
 */
@SagaServiceTest
class RequestLimitsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void a_body_declared_larger_than_the_cap_is_413_before_the_token_is_even_looked_at() throws Exception {
        byte[] body = thing("x".repeat(70 * 1024)).getBytes(StandardCharsets.UTF_8);
        var response = send(request("/test/things")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(json(response).get("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(json(response).get("type").asString()).isEqualTo("about:blank");
    }

    @Test
    void a_client_that_writes_a_60_mb_body_whole_before_reading_gets_the_413_then_the_connection_closes()
            throws Exception {
        // What a blocking client does (Python's http.client): write everything, then read. Tomcat
        // alone swallows 2 MB of the rest, then closes on unread data: a reset, not an answer.
        String answer = RawHttp.postWholeBodyThenRead(port, "/test/things", 60L << 20);

        assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json", "PAYLOAD_TOO_LARGE");
        assertThat(answer).containsIgnoringCase("connection: close");
        assertThat(send(authorized("/test/things")
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(thing("after"))))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void a_chunked_body_written_whole_before_reading_gets_the_413_then_the_connection_closes() throws Exception {
        // With a token: the body is read, counted and cut off at the cap.
        String answer = RawHttp.postWholeChunkedBodyThenRead(
                port,
                "/test/things",
                20L << 20,
                "Authorization: Bearer " + TestJwks.get().adminToken());

        assertThat(answer).startsWith("HTTP/1.1 413").contains("PAYLOAD_TOO_LARGE");
    }

    @Test
    void with_expect_100_continue_an_oversized_body_is_refused_before_it_is_sent() throws Exception {
        String answer = RawHttp.postExpectingContinue(port, "/test/things", 60L << 20);

        // no "HTTP/1.1 100" first: the client learns the answer without sending a byte of the body
        assertThat(answer).startsWith("HTTP/1.1 413").contains("PAYLOAD_TOO_LARGE");
    }

    @Test
    void with_expect_100_continue_a_body_within_the_cap_is_asked_for_and_served() throws Exception {
        String answer = RawHttp.postExpectingContinueThenSend(
                port,
                "/test/things",
                thing("continued").getBytes(StandardCharsets.UTF_8),
                "Authorization: Bearer " + TestJwks.get().adminToken(),
                "Connection: close");

        assertThat(answer).startsWith("HTTP/1.1 100").contains("HTTP/1.1 200");
    }

    @Test
    void a_chunked_body_is_cut_off_at_the_cap_and_answered_413() throws Exception {
        // 70 strings of 1 000 characters: within every JSON limit, only the size is too much.
        String padding = String.join(",", java.util.Collections.nCopies(70, "\"" + "x".repeat(1000) + "\""));
        byte[] body = ("{\"display_name\":\"x\",\"quantity\":1,\"padding\":[" + padding + "]}")
                .getBytes(StandardCharsets.UTF_8);
        var response = send(authorized("/test/things")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void a_body_within_the_cap_is_served() throws Exception {
        var response = send(authorized("/test/things")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(thing("x".repeat(1000)))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void deep_nesting_is_refused_while_parsing_with_a_400_naming_the_limit() throws Exception {
        String nested = "[".repeat(200) + "]".repeat(200);
        var response = send(authorized("/test/things")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"display_name\":\"x\",\"quantity\":1,\"ignored\":" + nested + "}")));

        assertProblem(response, 400, "JSON_TOO_COMPLEX");
        assertThat(json(response).get("detail").asString()).contains("nesting depth");
    }

    @Test
    void an_overlong_number_and_an_overlong_string_are_refused_while_parsing() throws Exception {
        var number = send(authorized("/test/things")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"display_name\":\"x\",\"quantity\":" + "9".repeat(500) + "}")));
        var string = send(authorized("/test/things")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(thing("x".repeat(20_000)))));

        assertProblem(number, 400, "JSON_TOO_COMPLEX");
        assertProblem(string, 400, "JSON_TOO_COMPLEX");
    }

    @Test
    void wrong_method_and_wrong_media_type_are_problem_details_with_a_code() throws Exception {
        var method = send(authorized("/test/things").method("DELETE", HttpRequest.BodyPublishers.noBody()));
        var media = send(authorized("/test/things")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")));

        assertProblem(method, 405, "METHOD_NOT_ALLOWED");
        assertProblem(media, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void a_url_the_firewall_rejects_is_a_problem_detail_not_boots_default_error_json() throws Exception {
        // Spring Security's firewall refuses an encoded percent sign; the error page renders it.
        String raw = rawGet("/test/%25me");

        assertThat(raw).startsWith("HTTP/1.1 400");
        assertThat(raw).contains("application/problem+json", "\"code\":\"BAD_REQUEST\"");
        assertThat(raw).doesNotContain("timestamp");
    }

    @Test
    void what_tomcat_refuses_itself_is_a_problem_detail_not_its_html_page() throws Exception {
        String oversizedHeader;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream()
                    .write(("GET /test/me HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(20_000)
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            oversizedHeader = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        String badRequestLine = rawGet("/te st");

        for (String raw : java.util.List.of(oversizedHeader, badRequestLine)) {
            assertThat(raw).startsWith("HTTP/1.1 400");
            assertThat(raw).contains("application/problem+json", "\"code\":\"BAD_REQUEST\"");
            assertThat(raw).doesNotContain("<html", "Tomcat");
        }
    }

    @Test
    void the_error_page_itself_is_a_problem_detail() throws Exception {
        var response = send(request("/error").GET());

        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(json(response).has("code")).isTrue();
        assertThat(response.body()).doesNotContain("timestamp");
    }

    private static String thing(String name) {
        return "{\"display_name\":\"" + name + "\",\"quantity\":1}";
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private HttpRequest.Builder authorized(String path) {
        return request(path).header("Authorization", "Bearer " + TestJwks.get().adminToken());
    }

    /** A request line the JDK client would refuse to send as is. */
    private String rawGet(String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
