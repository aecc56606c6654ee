package dev.ordersaga.support.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;

/**
 * The web conventions of every service: JSON bodies in snake_case (like the create_order request),
 * unknown request fields ignored, every error as a problem detail (the error page too), and the
 * size and shape limits of {@link WebLimits} before any work.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebLimits.class)
@Import({ProblemDetailsAdvice.class, ProblemErrorController.class})
public class ProblemDetailsAutoConfiguration {

    /** Ahead of the security filters (order -100): an oversized body is refused before a token is looked at. */
    static final int BODY_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

    @Bean
    JsonMapperBuilderCustomizer sagaWebJson() {
        return builder -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Bean
    JsonFactoryBuilderCustomizer sagaJsonReadConstraints(WebLimits limits) {
        return new JsonReadLimits(limits);
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> sagaRequestBodyLimit(WebLimits limits) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(limits));
        registration.setOrder(BODY_LIMIT_ORDER);
        return registration;
    }

    /**
     * Tomcat's own refusals as problem details: ordered after Boot's Tomcat customizer, which puts
     * a plain (HTML) error report valve on the host; this one replaces it. And refused bodies
     * answered before they are sent or read to their end ({@link TomcatBodyHandling}).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static class TomcatErrorReports {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> sagaProblemErrorReports() {
            return new ProblemErrorReports();
        }

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> sagaRefusedBodies() {
            return new TomcatBodyHandling();
        }
    }

    static final class ProblemErrorReports
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    // so the host does not add its default one at start-up
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    host.getPipeline().addValve(new ProblemErrorReportValve());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /**
     * Jackson's stream read constraints from {@link WebLimits}. Ordered last, after Boot's own
     * customizer, which sets the constraints from {@code spring.jackson.factory.*} (Jackson's
     * permissive defaults: 20 MB strings, 500 levels, no token limit).
     */
    static final class JsonReadLimits implements JsonFactoryBuilderCustomizer, Ordered {

        private final WebLimits limits;

        JsonReadLimits(WebLimits limits) {
            this.limits = limits;
        }

        @Override
        public void customize(tools.jackson.core.json.JsonFactoryBuilder builder) {
            builder.streamReadConstraints(constraints(limits));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** The constraints for a request body; public so code that parses bodies itself uses the same. */
    public static StreamReadConstraints constraints(WebLimits limits) {
        WebLimits.Json json = limits.json();
        return StreamReadConstraints.builder()
                .maxDocumentLength(limits.maxBodySize().toBytes())
                .maxNestingDepth(json.maxNestingDepth())
                .maxStringLength(json.maxStringLength())
                .maxNumberLength(json.maxNumberLength())
                .maxTokenCount(json.maxTokenCount())
                .maxNameLength(json.maxNameLength())
                .build();
    }
}
