package dev.ordersaga.order;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ordersaga.testsupport.architecture.ParticipantArchitecture;
import org.junit.jupiter.api.Test;

/**
 * order-service keeps the participant shape (the shared rules of {@link ParticipantArchitecture}),
 * and its decision rules and state machine stay plain Java over the events.
 */
class ArchitectureTest extends ParticipantArchitecture {

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
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.ordersaga.order"));
    }
}
