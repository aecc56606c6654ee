/** Demo data (JSON) and an idempotent seeder. */
package dev.ordersaga.seed;
