package dev.ordersaga.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ordersaga.testsupport.TestHttp;
import dev.ordersaga.testsupport.TestJwks;
import org.bson.types.ObjectId;

/** The service's HTTP API as a client (the gateway, the seeder, a browser) calls it, with customer-service's test data. */
final class Api extends TestHttp {

    Api(int port) {
        super(port);
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

    /** Creates a customer as the seeder does (admin, given id) and returns its id. */
    String createCustomer(String id, String name, boolean active) {
        var response = post("/api/customers", admin(), """
                {"id":"%s","name":"%s","email":"%s@example.com","phone":"+355 69 123 4567",
                 "addresses":[{"street":"123 Main St","city":"City","state":"State","postal_code":"12345",
                 "country":"AL"}],"active":%s}""".formatted(id, name, id, active));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return id;
    }
}
