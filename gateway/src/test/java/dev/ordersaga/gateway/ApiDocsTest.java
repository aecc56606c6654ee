package dev.ordersaga.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.events.Topics;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The Swagger UI at the public port presents the whole API: the gateway's and every service's description. */
class ApiDocsTest extends GatewayIntegrationTest {

    @Test
    void the_swagger_ui_lists_the_gateway_and_every_service_with_a_url_on_the_public_port() {
        HttpResponse<String> config = send(get("/v3/api-docs/swagger-config"));

        assertThat(config.statusCode()).isEqualTo(200);
        Map<String, String> urls = json(config)
                .get("urls")
                .valueStream()
                .collect(Collectors.toMap(
                        u -> u.get("name").asString(), u -> u.get("url").asString()));
        assertThat(urls)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "gateway", "/v3/api-docs",
                        "auth-service", "/v3/api-docs/auth-service",
                        "customer-service", "/v3/api-docs/customer-service",
                        "inventory-service", "/v3/api-docs/inventory-service",
                        "order-service", "/v3/api-docs/order-service",
                        "payment-service", "/v3/api-docs/payment-service"));
        assertThat(json(config).get("urls.primaryName").asString()).isEqualTo("gateway");
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth-service", "customer-service", "inventory-service", "order-service"})
    void each_service_description_is_fetched_from_that_service_without_a_token(String service) {
        long before = UPSTREAM.count("/v3/api-docs");

        HttpResponse<String> docs = send(get("/v3/api-docs/" + service));

        assertThat(docs.statusCode()).as(docs.body()).isEqualTo(200);
        assertThat(json(docs).get("path").asString()).isEqualTo("/v3/api-docs");
        assertThat(UPSTREAM.count("/v3/api-docs")).isEqualTo(before + 1);
    }

    @Test
    void the_gateway_describes_itself_with_a_title_and_a_version_and_the_ui_is_served() {
        JsonNode docs = json(send(get("/v3/api-docs")));
        HttpResponse<String> ui = send(get("/swagger-ui/index.html"));

        assertThat(docs.at("/info/title").asString()).isEqualTo("gateway");
        assertThat(docs.at("/info/version").asString()).isEqualTo("v1");
        assertThat(List.copyOf(docs.get("paths").propertyNames()))
                .contains("/api/create_order")
                .doesNotContain("/error");
        // relative: Try it out calls the host the page came from, never a service's own port
        assertThat(docs.at("/servers/0/url").asString()).isEqualTo("/");
        assertThat(ui.statusCode()).isEqualTo(200);
    }

    @Test
    void the_events_asyncapi_page_and_document_are_served_without_a_token() {
        HttpResponse<String> page = send(get("/asyncapi"));
        HttpResponse<String> document = send(get("/asyncapi/asyncapi.json"));
        HttpResponse<String> yaml = send(get("/asyncapi/asyncapi.yaml"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body())
                .contains("order-saga events", "id=\"ch-" + Topics.ORDER_REQUESTS + "\"", "OrderRequested");
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(json(document).get("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(json(document)
                        .at("/channels/" + Topics.ORDER_REPLIES + "/address")
                        .asString())
                .isEqualTo(Topics.ORDER_REPLIES);
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.body()).startsWith("asyncapi: \"3.0.0\"");
        assertThat(List.copyOf(json(send(get("/v3/api-docs"))).get("paths").propertyNames()))
                .noneMatch(path -> path.startsWith("/asyncapi"));
    }
}
