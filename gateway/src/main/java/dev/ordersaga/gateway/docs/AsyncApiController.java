package dev.ordersaga.gateway.docs;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The events' AsyncAPI description on the public port, beside the Swagger UI of the HTTP API: the
 * page for people at {@code /asyncapi} and the document for tools. All three files are generated
 * from events-schema and ship in its jar (events-schema README).
 */
@Hidden
@RestController
class AsyncApiController {

    private static final String DIRECTORY = "asyncapi/";

    @GetMapping(path = "/asyncapi", produces = MediaType.TEXT_HTML_VALUE)
    Resource page() {
        return new ClassPathResource(DIRECTORY + "index.html");
    }

    @GetMapping(path = "/asyncapi/asyncapi.yaml", produces = "application/yaml")
    Resource yaml() {
        return new ClassPathResource(DIRECTORY + "asyncapi.yaml");
    }

    @GetMapping(path = "/asyncapi/asyncapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Resource json() {
        return new ClassPathResource(DIRECTORY + "asyncapi.json");
    }
}
