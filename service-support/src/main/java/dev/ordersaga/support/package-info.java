/**
 * Plumbing shared by the six services, auto-configured when this jar is on the class path: Kafka
 * producer and consumer defaults with dead-lettering ({@code kafka}), RFC 9457 problem details
 * with a stable {@code code} ({@code web}), and a JWT resource server fed by auth-service's JWKS
 * ({@code security}). No entities, no repositories, no business rules live here.
 */
package dev.ordersaga.support;
