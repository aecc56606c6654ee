package dev.ordersaga.order.api;

import dev.ordersaga.events.OrderStatus;
import dev.ordersaga.order.domain.OrderAlreadyDecided;
import dev.ordersaga.order.saga.OrderCancellation;
import dev.ordersaga.order.store.OrderStore.OrderSlice;
import dev.ordersaga.support.security.Caller;
import dev.ordersaga.support.web.ApiException;
import dev.ordersaga.support.web.ListPage;
import dev.ordersaga.support.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/orders")
@Tag(name = "orders", description = "Orders and their saga")
class OrderController {

    /** Order ids are UUIDs in their canonical form (the gateway makes them). */
    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final int MAX_PAGE_SIZE = 100;

    private final OrderQueries queries;
    private final OrderCancellation cancellation;

    OrderController(OrderQueries queries, OrderCancellation cancellation) {
        this.queries = queries;
        this.cancellation = cancellation;
    }

    @GetMapping
    @Operation(summary = "The caller's orders (all orders for an admin), newest first")
    ListPage<OrderSummary> list(
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            @RequestParam(required = false) OrderStatus status) {
        Paging paging = Paging.of(page, size, MAX_PAGE_SIZE);
        OrderSlice slice = queries.list(Caller.current(), status, paging);
        return ListPage.of(slice.orders().stream().map(OrderSummary::of).toList(), paging, slice.total());
    }

    @GetMapping("/{id}")
    @Operation(summary = "One order with its lines, outcome and saga timeline (owner or admin; 404 for anyone else)")
    OrderView get(@PathVariable String id) {
        String orderId = orderId(id);
        return OrderView.of(owned(orderId, () -> queries.get(orderId, Caller.current())));
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel an order that is not decided yet (owner or admin); 409 once it is")
    OrderView cancel(@PathVariable String id) {
        String orderId = orderId(id);
        Caller caller = Caller.current();
        owned(orderId, () -> queries.get(orderId, caller));
        try {
            return OrderView.of(cancellation.cancel(orderId, caller.isAdmin()));
        } catch (OrderAlreadyDecided e) {
            throw ApiException.conflict("ORDER_ALREADY_TERMINAL", e.getMessage())
                    .with("status", e.status());
        }
    }

    /**
     * Someone else's order is answered exactly like a missing one (404 ORDER_NOT_FOUND): a 403
     * would confirm to any customer that an order id exists.
     */
    private static <T> T owned(String orderId, Supplier<T> action) {
        try {
            return action.get();
        } catch (ApiException e) {
            if (e.status() == HttpStatus.FORBIDDEN) {
                throw OrderQueries.notFound(orderId);
            }
            throw e;
        }
    }

    private static String orderId(String raw) {
        if (!UUID_FORM.matcher(raw).matches()) {
            throw ApiException.badRequest("INVALID_ORDER_ID", "An order id is a UUID.")
                    .with("errors", java.util.List.of(java.util.Map.of("field", "id", "message", "must be a UUID")));
        }
        return raw.toLowerCase(Locale.ROOT);
    }
}
