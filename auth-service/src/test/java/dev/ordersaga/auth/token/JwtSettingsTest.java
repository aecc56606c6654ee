package dev.ordersaga.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class JwtSettingsTest {

    private static JwtSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("auth.jwt", JwtSettings.class);
    }

    @Test
    void the_defaults_are_one_hour_and_the_dev_key_file() {
        JwtSettings settings = bind(Map.of());

        assertThat(settings.ttl()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.keyPath().normalize()).isEqualTo(Path.of(".stack/auth/jwt-signing-key.pem"));
    }

    @Test
    void a_plain_number_of_jwt_ttl_is_seconds_not_milliseconds() {
        assertThat(bind(Map.of("auth.jwt.ttl", "3600")).ttl()).isEqualTo(Duration.ofHours(1));
        assertThat(bind(Map.of("auth.jwt.ttl", "15m")).ttl()).isEqualTo(Duration.ofMinutes(15));
    }
}
