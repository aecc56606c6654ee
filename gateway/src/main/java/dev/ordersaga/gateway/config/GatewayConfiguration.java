package dev.ordersaga.gateway.config;

import dev.ordersaga.gateway.reply.HopTimeoutSweeper;
import dev.ordersaga.gateway.reply.ReplyConsumer;
import dev.ordersaga.gateway.reply.ReplyConsumerHealthIndicator;
import dev.ordersaga.gateway.reply.ReplyWaiters;
import dev.ordersaga.support.tracing.SagaTracing;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewaySettings.class)
class GatewayConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ReplyWaiters replyWaiters(Clock clock, GatewaySettings settings) {
        return new ReplyWaiters(clock, settings.hopTimeout());
    }

    /**
     * Each instance its own group (a new id at every start), which is also its id on the replies:
     * it reads only those for the requests it holds.
     */
    @Bean
    ReplyConsumer replyConsumer(
            ConcurrentKafkaListenerContainerFactory<?, ?> factory,
            ReplyWaiters waiters,
            SagaTracing tracing,
            GatewaySettings settings) {
        String groupId = "gateway-" + UUID.randomUUID().toString().substring(0, 8);
        return new ReplyConsumer(
                factory, waiters, tracing, groupId, settings.gateway().assignmentWait());
    }

    @Bean
    HopTimeoutSweeper hopTimeoutSweeper(ReplyWaiters waiters, GatewaySettings settings) {
        return new HopTimeoutSweeper(waiters, settings.gateway().timeoutCheckInterval());
    }

    @Bean("replyConsumerHealthIndicator")
    ReplyConsumerHealthIndicator replyConsumerHealthIndicator(ReplyConsumer consumer, ReplyWaiters waiters) {
        return new ReplyConsumerHealthIndicator(consumer, waiters);
    }

    @Bean
    MeterBinder replyWaiterMetrics(ReplyWaiters waiters) {
        return registry -> {
            Gauge.builder("gateway.orders.waiting", waiters, ReplyWaiters::waiting)
                    .description("create_order requests waiting for their order")
                    .register(registry);
            FunctionCounter.builder("gateway.replies", waiters, ReplyWaiters::matchedReplies)
                    .tag("outcome", "matched")
                    .description("order replies read from the reply topic")
                    .register(registry);
            FunctionCounter.builder("gateway.replies", waiters, ReplyWaiters::ignoredReplies)
                    .tag("outcome", "ignored")
                    .register(registry);
            FunctionCounter.builder("gateway.hop.timeouts", waiters, ReplyWaiters::expiredWaiters)
                    .description("create_order requests answered 504 because a hop took too long")
                    .register(registry);
        };
    }
}
