package dev.ordersaga.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo data, read from the JSON files under {@code seed/} on the class path. The documents are
 * kept as JSON trees and sent as they are, so the files are the API request bodies: what you read
 * in them is exactly what the services receive.
 *
 * @param customers bodies for {@code POST /api/customers}, each with its fixed {@code id}
 * @param users bodies for {@code POST /api/auth/users}, each linked to a customer by {@code customer_id}
 * @param products bodies for {@code POST /api/products}, each with its fixed {@code id}
 */
public record SeedData(List<JsonNode> customers, List<JsonNode> users, List<JsonNode> products) {

    /** Prices stay decimals from file to wire (never a binary floating point on the way). */
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    public SeedData {
        customers = List.copyOf(customers);
        users = List.copyOf(users);
        products = List.copyOf(products);
    }

    /** The bundled demo data. */
    public static SeedData bundled() {
        return new SeedData(read("seed/customers.json"), read("seed/users.json"), read("seed/products.json"));
    }

    private static List<JsonNode> read(String resource) {
        try (InputStream in = SeedData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("seed file missing from the class path: " + resource);
            }
            JsonNode root = JSON.readTree(in);
            if (!root.isArray()) {
                throw new IllegalStateException(resource + " must hold a JSON array");
            }
            List<JsonNode> documents = new ArrayList<>();
            root.forEach(documents::add);
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
