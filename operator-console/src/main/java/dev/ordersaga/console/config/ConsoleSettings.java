package dev.ordersaga.console.config;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the console finds the shop and how it judges it.
 *
 * @param authUrl auth-service (sign-in: {@code POST /api/auth/login})
 * @param orderUrl order-service (orders, timelines, cancel)
 * @param inventoryUrl inventory-service (reservations, products, the stock invariants)
 * @param paymentUrl payment-service (payments by order)
 * @param traceUrl the trace viewer's page of one trace, with {@code {traceId}} in it (empty: no links)
 * @param stuckAfter an order not decided this long after its request is shown as stuck
 * @param unsettledAfter a decided order still waiting for acknowledgements this long is shown as at risk
 * @param services the services whose {@code /actuator/health} and {@code /actuator/prometheus} the
 *     health page reads: name → base URL (a management port where a service has one)
 * @param consumerGroups the participants' consumer groups whose lag the health page shows
 * @param sampleEvery how often the meters are read to compute rates
 * @param htmxVersion the htmx WebJar's version (the pages load it from {@code /webjars/})
 */
@ConfigurationProperties("console")
public record ConsoleSettings(
        String authUrl,
        String orderUrl,
        String inventoryUrl,
        String paymentUrl,
        @DefaultValue("") String traceUrl,
        @DefaultValue("60s") Duration stuckAfter,
        @DefaultValue("60s") Duration unsettledAfter,
        @DefaultValue Map<String, String> services,

        @DefaultValue({"customer-service", "inventory-service", "payment-service", "order-service"})
        java.util.List<String> consumerGroups,

        @DefaultValue("10s") Duration sampleEvery,
        String htmxVersion) {

    /** The link to one trace, or null when there is no trace viewer or no trace id. */
    public String traceLink(String traceId) {
        if (traceUrl == null || traceUrl.isBlank() || traceId == null || traceId.isBlank()) {
            return null;
        }
        return traceUrl.replace("{traceId}", traceId);
    }
}
