package dev.ordersaga.auth;

import dev.ordersaga.testsupport.BrokerTest;
import dev.ordersaga.testsupport.SagaServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The one Spring context of this module's service tests (the whole service, a real broker,
 * mongo-java-server; subclasses add nothing to it, so it is started once), with the service's HTTP
 * API ({@link #api}) and a client of the broker.
 */
@SagaServiceTest
public abstract class AuthServiceTest extends BrokerTest {

    @LocalServerPort
    protected int port;

    protected AuthApi api;

    @BeforeEach
    void connectTheApi() {
        api = new AuthApi(port);
    }
}
