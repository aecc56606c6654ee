package dev.ordersaga.support.mongo;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.observability.ContextProviderFactory;
import org.springframework.data.mongodb.observability.MongoObservationCommandListener;

/**
 * A span per MongoDB command, in the trace of whatever the thread is doing (a request, a saga
 * step): Spring Data's command listener, which Boot does not register by itself. Only when asked
 * for ({@code saga.tracing.mongo-commands}, {@code TRACING_MONGO_COMMANDS=true}): they are half
 * of an order's spans and most of what tracing costs.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
        beforeName = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration")
@ConditionalOnClass({MongoObservationCommandListener.class, MongoClientSettingsBuilderCustomizer.class})
@ConditionalOnBooleanProperty("saga.tracing.mongo-commands")
public class MongoTracingAutoConfiguration {

    @Bean
    @ConditionalOnBean(ObservationRegistry.class)
    MongoClientSettingsBuilderCustomizer sagaMongoObservation(ObservationRegistry observations) {
        return settings -> settings.contextProvider(ContextProviderFactory.create(observations))
                .addCommandListener(new MongoObservationCommandListener(observations));
    }
}
