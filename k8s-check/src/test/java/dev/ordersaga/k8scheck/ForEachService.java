package dev.ordersaga.k8scheck;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A test run once per service in each overlay ({@link Services#overlaysAndServices()}), given the overlay's name and
 * the service's module.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}: {1}")
@MethodSource("dev.ordersaga.k8scheck.Services#overlaysAndServices")
@interface ForEachService {}
