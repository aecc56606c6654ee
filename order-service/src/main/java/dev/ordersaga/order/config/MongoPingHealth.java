package dev.ordersaga.order.config;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * MongoDB health by {@code ping}. Boot's own indicator sends {@code hello}, which mongo-java-server
 * (tests, local stack) does not implement, so the service would report DOWN there while working.
 * The bean name replaces Boot's indicator; the contributor stays named {@code mongo}.
 */
@Configuration(proxyBeanMethods = false)
class MongoPingHealth {

    @Bean
    AbstractHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new AbstractHealthIndicator("MongoDB health check failed") {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                Document reply = mongo.executeCommand(new Document("ping", 1));
                builder.up().withDetail("database", mongo.getDb().getName()).withDetail("ping", reply.get("ok"));
            }
        };
    }
}
