/**
 * The saga's contracts and nothing else: one record per event, the value types they carry, the
 * topic and header names. Everything here is the wire format; the JSON Schemas under
 * {@code src/main/resources/schemas} describe the same shapes for non-Java readers.
 *
 * <p>All events live in this one package because a sealed hierarchy on the class path must stay
 * in one runtime package.
 */
package dev.ordersaga.events;
