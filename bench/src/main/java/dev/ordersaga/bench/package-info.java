/** Load generator, bare Kafka relay and invariant checker. */
package dev.ordersaga.bench;
