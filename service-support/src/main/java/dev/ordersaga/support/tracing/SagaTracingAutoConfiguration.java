package dev.ordersaga.support.tracing;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/** {@link SagaTracing} over the application's tracer, and the trace id in every HTTP answer. */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration",
            "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"
        })
public class SagaTracingAutoConfiguration {

    /** Just inside Spring's HTTP server observation filter (HIGHEST_PRECEDENCE + 1), so its span is current. */
    static final int TRACE_ID_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    @Bean
    @ConditionalOnMissingBean
    SagaTracing sagaTracing(
            ObjectProvider<ObservationRegistry> observations,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        return new SagaTracing(
                observations.getIfAvailable(() -> ObservationRegistry.NOOP),
                tracer.getIfAvailable(() -> Tracer.NOOP),
                propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Import(TraceIdProblemAdvice.class)
    static class Web {

        @Bean
        FilterRegistrationBean<TraceIdFilter> sagaTraceIdFilter(SagaTracing tracing) {
            var registration = new FilterRegistrationBean<>(new TraceIdFilter(tracing));
            registration.setOrder(TRACE_ID_ORDER);
            return registration;
        }
    }
}
