package dev.ordersaga.order.saga;

import dev.ordersaga.order.orders.Order;
import dev.ordersaga.saga.SagaRuntime;
import dev.ordersaga.saga.SagaRuntimes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * order-service on the saga runtime, caching the orders of the partitions it owns. The rebalance
 * listener (Boot gives it to the listener container) drops the orders of revoked partitions.
 */
@Configuration(proxyBeanMethods = false)
class OrderSagaRuntimeConfig {

    @Bean
    SagaRuntime<Order> orderSagaRuntime(SagaRuntimes runtimes, OrderSagaSteps steps) {
        return runtimes.caching("order-service", steps);
    }

    @Bean
    ConsumerAwareRebalanceListener orderSagaRebalance(SagaRuntime<Order> orderSagaRuntime) {
        return orderSagaRuntime.rebalanceListener();
    }
}
