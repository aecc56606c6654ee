package dev.ordersaga.support.tracing;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code ordersaga-observability.yml} (tracing, sampling, histograms, log correlation) as the
 * last property source of every service: one place for what every service shares, and any
 * service's own configuration or an environment variable still wins.
 */
public class ObservabilityDefaults implements EnvironmentPostProcessor {

    static final String FILE = "ordersaga-observability.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(FILE, new ClassPathResource(FILE))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }
}
