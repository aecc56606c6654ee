package dev.ordersaga.order;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.annotation.KafkaListener;

/** The layout the README describes, kept by the build. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ordersaga.order");

    @Test
    void the_order_domain_knows_nothing_of_the_saga_plumbing_or_the_web_layer() {
        noClasses()
                .that()
                .resideInAPackage("..order.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..order.saga..", "..order.api..", "..order.store..", "org.springframework.kafka..")
                .check(CLASSES);
    }

    @Test
    void the_saga_does_not_depend_on_the_web_layer() {
        noClasses()
                .that()
                .resideInAPackage("..order.saga..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..order.api..")
                .check(CLASSES);
    }

    @Test
    void the_decision_rules_and_the_state_machine_are_pure_java() {
        classes()
                .that()
                .haveSimpleNameStartingWith("SagaDecision")
                .or()
                .haveSimpleNameStartingWith("OrderTransitions")
                .or()
                .haveSimpleNameStartingWith("SagaFacts")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.ordersaga.events..", "dev.ordersaga.order.domain..")
                .check(CLASSES);
    }

    @Test
    void only_the_saga_listener_consumes_kafka() {
        noClasses()
                .that()
                .doNotHaveSimpleName("SagaListener")
                .should()
                .dependOnClassesThat()
                .areAssignableTo(KafkaListener.class)
                .check(CLASSES);
    }
}
