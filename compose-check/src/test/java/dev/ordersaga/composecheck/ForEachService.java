package dev.ordersaga.composecheck;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A test run once per Spring Boot service of the reactor ({@link Stack#serviceModuleNames()}), given its module. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@MethodSource("dev.ordersaga.composecheck.Stack#serviceModuleNames")
@interface ForEachService {}
