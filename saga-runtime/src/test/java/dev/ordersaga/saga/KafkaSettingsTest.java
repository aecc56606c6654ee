package dev.ordersaga.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class KafkaSettingsTest {

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ReplicationGuardAutoConfiguration.class));

    @Test
    void the_prod_profile_refuses_a_replication_factor_of_one_with_a_clear_message() {
        context.withInitializer(c -> c.getEnvironment().setActiveProfiles("prod"))
                .withPropertyValues("saga.kafka.replication-factor=1")
                .run(started -> assertThat(started)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("saga.kafka.replication-factor is 1")
                        .hasMessageContaining("SAGA_KAFKA_REPLICATION_FACTOR"));
    }

    @Test
    void the_prod_profile_refuses_the_default_replication_factor() {
        context.withInitializer(c -> c.getEnvironment().setActiveProfiles("prod"))
                .run(started -> assertThat(started).hasFailed());
    }

    @Test
    void the_prod_profile_starts_with_three_replicas() {
        context.withInitializer(c -> c.getEnvironment().setActiveProfiles("prod"))
                .withPropertyValues("saga.kafka.replication-factor=3")
                .run(started -> assertThat(started)
                        .hasNotFailed()
                        .getBean(KafkaSettings.class)
                        .extracting(KafkaSettings::replicationFactor)
                        .isEqualTo((short) 3));
    }

    @Test
    void without_the_prod_profile_one_replica_is_fine_for_a_single_local_broker() {
        context.run(started -> assertThat(started)
                .hasNotFailed()
                .getBean(KafkaSettings.class)
                .extracting(KafkaSettings::replicationFactor)
                .isEqualTo((short) 1));
    }

    @Test
    void the_documented_variables_set_partitions_and_replication_factor_over_the_application_files() {
        StandardEnvironment environment = new StandardEnvironment();
        var sources = environment.getPropertySources();
        sources.replace(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("SAGA_KAFKA_PARTITIONS", "12", "SAGA_KAFKA_REPLICATION_FACTOR", "3")));
        sources.addLast(new MapPropertySource(
                "application.yml", Map.of("saga.kafka.replication-factor", "1", "saga.kafka.partitions", "6")));

        new SagaKafkaVariables().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("saga.kafka.replication-factor")).isEqualTo("3");
        assertThat(environment.getProperty("saga.kafka.partitions")).isEqualTo("12");
    }

    @Test
    void the_listener_threads_variable_sets_the_concurrency_over_the_application_files() {
        StandardEnvironment environment = environmentWith(Map.of("SAGA_KAFKA_LISTENER_THREADS", "4"));
        environment
                .getPropertySources()
                .addLast(new MapPropertySource("application.yml", Map.of(SagaKafkaVariables.LISTENER_THREADS, "3")));

        new SagaKafkaVariables().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(SagaKafkaVariables.LISTENER_THREADS)).isEqualTo("4");
    }

    @Test
    void without_a_setting_the_listener_threads_follow_the_cores_and_an_application_file_wins_over_that() {
        StandardEnvironment unset = environmentWith(Map.of());
        new SagaKafkaVariables().postProcessEnvironment(unset, new SpringApplication());
        assertThat(unset.getProperty(SagaKafkaVariables.LISTENER_THREADS, Integer.class))
                .isEqualTo(
                        SagaKafkaVariables.listenerThreads(Runtime.getRuntime().availableProcessors(), 6));

        StandardEnvironment set = environmentWith(Map.of());
        set.getPropertySources()
                .addLast(new MapPropertySource("application.yml", Map.of(SagaKafkaVariables.LISTENER_THREADS, "5")));
        new SagaKafkaVariables().postProcessEnvironment(set, new SpringApplication());
        assertThat(set.getProperty(SagaKafkaVariables.LISTENER_THREADS)).isEqualTo("5");
    }

    @Test
    void the_default_listener_threads_are_one_per_two_cores_at_least_one_at_most_one_per_partition() {
        assertThat(SagaKafkaVariables.listenerThreads(1, 6)).isEqualTo(1);
        assertThat(SagaKafkaVariables.listenerThreads(2, 6)).isEqualTo(1);
        assertThat(SagaKafkaVariables.listenerThreads(8, 6)).isEqualTo(4);
        assertThat(SagaKafkaVariables.listenerThreads(32, 6)).isEqualTo(6);
    }

    private static StandardEnvironment environmentWith(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return environment;
    }

    @Test
    void the_variables_reach_the_settings() {
        context.withInitializer(c -> {
                    var environment = c.getEnvironment();
                    environment
                            .getPropertySources()
                            .addFirst(new MapPropertySource(
                                    "variables",
                                    Map.of(
                                            "SAGA_KAFKA_PARTITIONS",
                                            "24",
                                            "SAGA_KAFKA_REPLICATION_FACTOR",
                                            "3",
                                            "SAGA_KAFKA_SESSION_TIMEOUT",
                                            "4s")));
                    new SagaKafkaVariables().postProcessEnvironment(environment, new SpringApplication());
                })
                .run(started -> assertThat(started.getBean(KafkaSettings.class))
                        .extracting(
                                KafkaSettings::partitions,
                                KafkaSettings::replicationFactor,
                                KafkaSettings::sessionTimeout)
                        .containsExactly(24, (short) 3, Duration.ofSeconds(4)));
    }

    @Test
    void a_heartbeat_longer_than_a_third_of_the_session_is_refused() {
        context.withPropertyValues("saga.kafka.session-timeout=6s", "saga.kafka.heartbeat-interval=3s")
                .run(started -> assertThat(started)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("at most a third"));
    }

    @Test
    void the_guard_itself_passes_two_replicas_and_refuses_one() {
        ReplicationGuard.check(true, (short) 2);
        ReplicationGuard.check(false, (short) 1);
        assertThatThrownBy(() -> ReplicationGuard.check(true, (short) 1)).isInstanceOf(IllegalStateException.class);
    }
}
