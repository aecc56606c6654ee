/**
 * The no-Docker runtime behind {@code ./stack}: a real Kafka broker, a MongoDB-compatible store and
 * the six services as processes of this machine; also what the end-to-end tests start.
 */
package dev.ordersaga.localstack;
