package dev.ordersaga.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's HTTP API on loopback as a client (the gateway, the seeder, a browser) calls it: an
 * optional bearer token, JSON bodies, the answer as a string. A failed exchange throws, which fails
 * the test. A module's own client (its test data, its tokens) extends it.
 */
public class TestHttp {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Long enough for any answer on a loaded machine; only there so that a broken service cannot hang a test. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final int port;

    /** A client of the service on {@code 127.0.0.1:port}. */
    public TestHttp(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET());
    }

    /** POSTs nothing (a command named by its path). */
    public HttpResponse<String> post(String path, String token) {
        return post(path, token, null);
    }

    /** POSTs a JSON body; a null body sends none. */
    public HttpResponse<String> post(String path, String token, String body) {
        return send(withBody(path, token, body).POST(publisher(body)));
    }

    public HttpResponse<String> put(String path, String token, String body) {
        return send(withBody(path, token, body).PUT(publisher(body)));
    }

    public HttpResponse<String> patch(String path, String token, String body) {
        return send(withBody(path, token, body).method("PATCH", publisher(body)));
    }

    public HttpResponse<String> delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    /** A request to this service, with the token as a bearer if there is one. */
    public HttpRequest.Builder request(String path, String token) {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(TIMEOUT);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /** The answer's body as JSON. */
    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Sends with the shared client; an I/O failure or an interrupt fails the test. */
    public static HttpResponse<String> send(HttpRequest.Builder request) {
        return send(HTTP, request);
    }

    /** Sends with this client (e.g. one held to HTTP/1.1); an I/O failure or an interrupt fails the test. */
    public static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder withBody(String path, String token, String body) {
        var builder = request(path, token);
        return body == null ? builder : builder.header("Content-Type", "application/json");
    }

    private static HttpRequest.BodyPublisher publisher(String body) {
        return body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
    }
}
