/** The no-Docker runtime: a real Kafka broker, a MongoDB-compatible store and the six services as processes; the end-to-end tests. */
package dev.ordersaga.localstack;
