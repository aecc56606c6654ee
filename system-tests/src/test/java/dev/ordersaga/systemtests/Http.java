package dev.ordersaga.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small JSON-over-HTTP client for the suite (the JDK's HttpClient, nothing more). */
public final class Http {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private Http() {}

    /** An answer: status, raw body, and the body as JSON (a missing node when it is not JSON). */
    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
            } catch (RuntimeException e) {
                return JSON.missingNode();
            }
        }

        public String text(String field) {
            JsonNode node = json().path(field);
            return node.isMissingNode() || node.isNull() ? null : node.asString();
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 600 ? body.substring(0, 600) + "..." : body);
        }
    }

    public static Answer send(String method, String url, List<Map.Entry<String, String>> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        headers.forEach(h -> request.header(h.getKey(), h.getValue()));
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static Answer get(String url, String token) {
        return send("GET", url, List.of(Map.entry("Authorization", "Bearer " + token)), null);
    }

    public static Answer post(String url, String token, String json, Map<String, String> extraHeaders) {
        List<Map.Entry<String, String>> headers = new java.util.ArrayList<>();
        headers.add(Map.entry("Content-Type", "application/json"));
        if (token != null) {
            headers.add(Map.entry("Authorization", "Bearer " + token));
        }
        headers.addAll(extraHeaders.entrySet());
        return send("POST", url, headers, json);
    }

    /** Logs in and returns the token. */
    public static String login(String gateway, String username, String password) {
        String body = JSON.createObjectNode()
                .put("username", username)
                .put("password", password)
                .toString();
        Answer answer = post(gateway + "/api/auth/login", null, body, Map.of());
        if (answer.status() != 200 || answer.text("token") == null) {
            throw new IllegalStateException("login of " + username + " failed: " + answer);
        }
        return answer.text("token");
    }
}
