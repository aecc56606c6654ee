package dev.ordersaga.customer;

import dev.ordersaga.testsupport.BrokerTest;
import dev.ordersaga.testsupport.SagaServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The one Spring context of this module's service tests (the whole service, a real broker,
 * mongo-java-server, a JWKS; subclasses add nothing to it, so it is started once), with the
 * service's HTTP API ({@link #api}), its store and a client of the broker.
 */
@SagaServiceTest
abstract class CustomerServiceTest extends BrokerTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }
}
