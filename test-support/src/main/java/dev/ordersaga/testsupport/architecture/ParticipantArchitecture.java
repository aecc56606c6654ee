package dev.ordersaga.testsupport.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The shape every saga participant keeps (README, "How a participant is built"), checked on its
 * main classes. A service runs them with a one-line test in its root package:
 *
 * <pre>{@code class ArchitectureTest extends ParticipantArchitecture {}}</pre>
 *
 * <ul>
 *   <li>{@code domain/} knows nothing of the web, MongoDB access or Kafka, nor of the service's
 *       {@code api/}, {@code saga/} and {@code store/}: its rules are plain Java over the events.
 *       Mapping annotations ({@code @Document}, {@code @Indexed}, {@code @Id}) are metadata and
 *       allowed; templates, queries, repositories and the driver are not;
 *   <li>only {@code store/} (and {@code config/}) touch MongoDB;
 *   <li>a Kafka listener lives in {@code saga/} and only routes: it hands the batch to the runtime
 *       and depends on nothing of the web or the store;
 *   <li>no web exceptions or web types in {@code domain/} or {@code saga/}: domain code throws domain
 *       exceptions, only {@code api/} maps them to problem details.
 * </ul>
 */
public abstract class ParticipantArchitecture {

    static final String[] MONGODB_ACCESS = {
        "com.mongodb..",
        "org.bson..",
        "org.springframework.data.mongodb.core",
        "org.springframework.data.mongodb.core.query..",
        "org.springframework.data.mongodb.core.aggregation..",
        "org.springframework.data.mongodb.core.bulk..",
        "org.springframework.data.mongodb.repository..",
        "org.springframework.data.repository.."
    };

    static final String[] WEB = {
        "org.springframework.web..",
        "org.springframework.http..",
        "jakarta.servlet..",
        "dev.ordersaga.support.web..",
        "dev.ordersaga.support.security.."
    };

    static final String[] KAFKA = {"org.springframework.kafka..", "org.apache.kafka.."};

    private final String root = getClass().getPackageName();
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(root);

    @Test
    void the_domain_knows_nothing_of_the_web_mongodb_access_or_kafka() {
        noClasses()
                .that()
                .resideInAPackage(root + ".domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(concat(WEB, MONGODB_ACCESS, KAFKA))
                .check(classes);
    }

    @Test
    void the_domain_depends_on_no_other_part_of_the_service() {
        noClasses()
                .that()
                .resideInAPackage(root + ".domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(root + ".api..", root + ".saga..", root + ".store..", root + ".config..")
                .check(classes);
    }

    @Test
    void only_the_store_touches_mongodb() {
        noClasses()
                .that()
                .resideOutsideOfPackages(root + ".store..", root + ".config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(MONGODB_ACCESS)
                .check(classes);
    }

    @Test
    void kafka_listeners_live_in_saga() {
        noMethods()
                .that()
                .areAnnotatedWith("org.springframework.kafka.annotation.KafkaListener")
                .should()
                .beDeclaredInClassesThat()
                .resideOutsideOfPackage(root + ".saga..")
                .check(classes);
    }

    @Test
    void listeners_only_route_to_the_runtime() {
        classes()
                .that()
                .resideInAPackage(root + ".saga..")
                .and()
                .haveSimpleNameEndingWith("Listener")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..",
                        "org.springframework.kafka.annotation..",
                        "org.springframework.stereotype..",
                        "org.apache.kafka.clients.consumer..",
                        "dev.ordersaga.events..",
                        "dev.ordersaga.saga..",
                        root + ".saga..",
                        root + ".domain..")
                .check(classes);
    }

    @Test
    void no_web_exceptions_or_web_types_in_the_domain_or_the_saga() {
        noClasses()
                .that()
                .resideInAnyPackage(root + ".domain..", root + ".saga..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(WEB)
                .check(classes);
    }

    @Test
    void the_saga_does_not_depend_on_the_web_layer() {
        noClasses()
                .that()
                .resideInAPackage(root + ".saga..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(root + ".api..")
                .check(classes);
    }

    private static String[] concat(String[]... groups) {
        return java.util.Arrays.stream(groups).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
