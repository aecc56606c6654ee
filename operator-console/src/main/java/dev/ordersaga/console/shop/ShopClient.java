package dev.ordersaga.console.shop;

import dev.ordersaga.console.config.ConsoleSettings;
import dev.ordersaga.console.security.Operator;
import dev.ordersaga.console.shop.ShopViews.Invariants;
import dev.ordersaga.console.shop.ShopViews.Order;
import dev.ordersaga.console.shop.ShopViews.OrderSummary;
import dev.ordersaga.console.shop.ShopViews.Payment;
import dev.ordersaga.console.shop.ShopViews.Product;
import dev.ordersaga.console.shop.ShopViews.Reservation;
import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.support.web.ListPage;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriBuilder;

/**
 * The shop's admin APIs, called with the signed-in operator's own token: order-service, inventory
 * and payment check the ADMIN role themselves, so the console can show nothing its operator could
 * not read directly.
 */
@Component
public class ShopClient {

    private final RestClient orders;
    private final RestClient inventory;
    private final RestClient payments;

    public ShopClient(RestClient.Builder http, ConsoleSettings settings) {
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(java.time.Duration.ofSeconds(2));
        timeouts.setReadTimeout(java.time.Duration.ofSeconds(10));
        // every call carries the signed-in operator's own token
        RestClient.Builder base = http.clone()
                .requestFactory(timeouts)
                .requestInitializer(request -> request.getHeaders().setBearerAuth(token()));
        this.orders = base.clone().baseUrl(settings.orderUrl()).build();
        this.inventory = base.clone().baseUrl(settings.inventoryUrl()).build();
        this.payments = base.clone().baseUrl(settings.paymentUrl()).build();
    }

    /** One page of orders, newest first, optionally of one status. */
    public ListPage<OrderSummary> orders(OrderStatus status, int page, int size) {
        return call(
                "order-service",
                () -> orders.get()
                        .uri(uri -> withStatus(
                                        uri.path("/api/orders")
                                                .queryParam("page", page)
                                                .queryParam("size", size),
                                        status)
                                .build())
                        .retrieve()
                        .body(new ParameterizedTypeReference<ListPage<OrderSummary>>() {}));
    }

    /** One order with its timeline; empty when order-service does not know it. */
    public Optional<Order> order(String orderId) {
        return optional(
                "order-service",
                () -> orders.get().uri("/api/orders/{id}", orderId).retrieve().body(Order.class));
    }

    /** Cancels an undecided order through order-service's own, version-guarded cancel path. */
    public Order cancel(String orderId) {
        return call(
                "order-service",
                () -> orders.post()
                        .uri("/api/orders/{id}/cancel", orderId)
                        .retrieve()
                        .body(Order.class));
    }

    /** What inventory holds for the order now; empty when it has no reservation. */
    public Optional<Reservation> reservation(String orderId) {
        return optional(
                "inventory-service",
                () -> inventory
                        .get()
                        .uri("/api/inventory/reservations/{id}", orderId)
                        .retrieve()
                        .body(Reservation.class));
    }

    /** The order's payment; empty when payment-service has none. */
    public Optional<Payment> payment(String orderId) {
        return optional(
                "payment-service",
                () -> payments.get()
                        .uri(uri -> uri.path("/api/payments")
                                .queryParam("order_id", orderId)
                                .build())
                        .retrieve()
                        .body(Payment.class));
    }

    /** inventory-service's own check: received = available + reserved + sold, per product. */
    public Invariants invariants() {
        return call(
                "inventory-service",
                () -> inventory
                        .get()
                        .uri("/api/inventory/invariants")
                        .retrieve()
                        .body(Invariants.class));
    }

    public ListPage<Product> products(int page, int size) {
        return call(
                "inventory-service",
                () -> inventory
                        .get()
                        .uri(uri -> uri.path("/api/products")
                                .queryParam("page", page)
                                .queryParam("size", size)
                                .build())
                        .retrieve()
                        .body(new ParameterizedTypeReference<ListPage<Product>>() {}));
    }

    private static UriBuilder withStatus(UriBuilder uri, OrderStatus status) {
        return status == null ? uri : uri.queryParam("status", status.name());
    }

    private static String token() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof Operator operator)) {
            throw new ShopException("console", HttpStatus.UNAUTHORIZED, "NOT_SIGNED_IN", "Nobody is signed in.");
        }
        return operator.token();
    }

    private static <T> Optional<T> optional(String service, java.util.function.Supplier<T> call) {
        try {
            return Optional.ofNullable(call(service, call));
        } catch (ShopException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static <T> T call(String service, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RestClientResponseException e) {
            ProblemDetail problem = problem(e);
            HttpStatus status = Optional.ofNullable(
                            HttpStatus.resolve(e.getStatusCode().value()))
                    .orElse(HttpStatus.BAD_GATEWAY);
            String code = problem == null || problem.getProperties() == null
                    ? null
                    : (String) problem.getProperties().get("code");
            String detail = problem == null || problem.getDetail() == null
                    ? service + " answered " + e.getStatusCode().value()
                    : problem.getDetail();
            throw new ShopException(service, status, code, detail);
        } catch (RestClientException e) {
            throw new ShopException(
                    service, HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNREACHABLE", service + " cannot be reached.");
        }
    }

    private static ProblemDetail problem(RestClientResponseException e) {
        Function<RestClientResponseException, ProblemDetail> read = ex -> ex.getResponseBodyAs(ProblemDetail.class);
        try {
            return read.apply(e);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
