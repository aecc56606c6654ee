package dev.ordersaga.payment.config;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * MongoDB health by {@code ping} on the service's own database. Boot's indicator runs {@code hello},
 * which mongo-java-server (the local stack's and the tests' store) does not implement, so it would
 * report DOWN against a perfectly working store. The bean name makes Boot's indicator back off.
 */
@Configuration(proxyBeanMethods = false)
class MongoPingHealth {

    @Bean(name = "mongoHealthIndicator")
    AbstractHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new AbstractHealthIndicator("MongoDB health check failed") {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                Document answer = mongo.executeCommand(new Document("ping", 1));
                builder.up().withDetail("database", mongo.getDb().getName()).withDetail("ping", answer.get("ok"));
            }
        };
    }
}
