/** Demo data (JSON files under {@code seed/}) and the idempotent seeder that creates it through the gateway. */
package dev.ordersaga.seed;
