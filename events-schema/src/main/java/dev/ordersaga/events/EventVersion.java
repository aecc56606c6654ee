package dev.ordersaga.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The version of an event's schema, {@code MAJOR.MINOR}, declared on its record. Every event
 * carries it on the wire ({@code schema_version}, in the JSON and in a header of the same name).
 *
 * <ul>
 *   <li>A <b>minor</b> version adds what every reader of the same major can ignore: an optional
 *       field. Consumers read every minor of a major they know.
 *   <li>A <b>major</b> version is a breaking change (a field removed or renamed, a type changed, a
 *       field made required, an enum value removed or added). A consumer reads the majors its
 *       record declares: the current one and {@link #alsoReads()}; any other is dead-lettered with
 *       an {@link UnsupportedEventVersionException}.
 * </ul>
 *
 * <p>This is how a consumer declares the versions it handles: every consumer reads events through
 * these records (one deserializer, in saga-runtime), so a service built from this module at a
 * given commit reads exactly the majors declared here. The rules for changing an event, and the
 * test that enforces them, are in this module's README.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventVersion {

    /** The major version this code writes. */
    int major();

    /** The minor version this code writes. */
    int minor();

    /** Older majors this record still reads (it maps their shape itself, e.g. with {@code @JsonAlias}). */
    int[] alsoReads() default {};
}
