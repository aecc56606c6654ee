package dev.ordersaga.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.testsupport.TestJwks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.bson.types.ObjectId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service's HTTP API as a client (the gateway, the seeder, a browser) calls it. */
final class Api {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;

    Api(int port) {
        this.port = port;
    }

    static String admin() {
        return TestJwks.get().adminToken();
    }

    static String customer(String customerId) {
        return TestJwks.get().customerToken("user-of-" + customerId, customerId);
    }

    static String newId() {
        return new ObjectId().toHexString();
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET());
    }

    HttpResponse<String> post(String path, String token, String body) {
        return send(withBody(path, token).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> put(String path, String token, String body) {
        return send(withBody(path, token).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> patch(String path, String token, String body) {
        return send(withBody(path, token).method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    /** Creates a customer as the seeder does (admin, given id) and returns its id. */
    String createCustomer(String id, String name, boolean active) {
        var response = post("/api/customers", admin(), """
                {"id":"%s","name":"%s","email":"%s@example.com","phone":"+355 69 123 4567",
                 "addresses":[{"street":"123 Main St","city":"City","state":"State","postal_code":"12345",
                 "country":"AL"}],"active":%s}""".formatted(id, name, id, active));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return id;
    }

    private HttpRequest.Builder withBody(String path, String token) {
        return request(path, token).header("Content-Type", "application/json");
    }

    private HttpRequest.Builder request(String path, String token) {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("request failed", e);
        }
    }
}
