package dev.ordersaga.testsupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Value;

/**
 * Base of a Spring service test (e.g. {@link SagaServiceTest}) that talks to its context's broker
 * as another service would: {@link #kafka} is connected to {@code spring.kafka.bootstrap-servers}
 * before the class's tests and closed after them.
 */
public abstract class BrokerTest {

    protected static KafkaTestClient kafka;

    @BeforeAll
    protected static void connectToTheBroker(@Value("${spring.kafka.bootstrap-servers}") String brokers) {
        kafka = new KafkaTestClient(brokers);
    }

    @AfterAll
    protected static void disconnectFromTheBroker() {
        kafka.close();
    }
}
