package dev.ordersaga.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * A service integration test on real parts: the whole service on a random port, a real Kafka
 * broker in the test JVM (KRaft), mongo-java-server on a free port, and tokens from
 * {@link TestJwks}. Everything is started for the test context and stopped with it.
 * Inject the broker address with {@code @Value("${spring.kafka.bootstrap-servers}")} and talk to
 * it through {@link KafkaTestClient}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "saga.kafka.partitions=3",
            "spring.kafka.listener.concurrency=3",
            // spans are made and propagated, but not reported: no Zipkin runs for a test
            "management.tracing.export.zipkin.enabled=false",
            // Boot's MongoDB indicator sends "hello", which mongo-java-server lacks; services check by ping
            "management.health.mongodb.enabled=false"
        })
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@ContextConfiguration(initializers = {MongoTestServer.class, TestJwks.Initializer.class})
public @interface SagaServiceTest {}
