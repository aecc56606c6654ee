package dev.ordersaga.inventory.api;

import dev.ordersaga.inventory.domain.InvariantReport;
import dev.ordersaga.inventory.store.InvariantService;
import dev.ordersaga.inventory.store.Reservations;
import dev.ordersaga.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator views of the saga's stock: the invariant check and one order's reservation. */
@RestController
@RequestMapping("/api/inventory")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "inventory", description = "Stock invariants and reservations (ADMIN)")
public class InventoryController {

    private final InvariantService invariants;
    private final Reservations reservations;

    public InventoryController(InvariantService invariants, Reservations reservations) {
        this.invariants = invariants;
        this.reservations = reservations;
    }

    @GetMapping("/invariants")
    @Operation(summary = "received == available + reserved + sold and reserved == held by orders, per product")
    InvariantReport invariants() {
        return invariants.check();
    }

    @GetMapping("/reservations/{orderId}")
    @Operation(summary = "The reservation of one order")
    ReservationView reservation(
            @PathVariable @Pattern(regexp = "^[A-Za-z0-9_-]{1,100}$", message = "is not an order id") String orderId) {
        return reservations
                .find(orderId)
                .map(ReservationView::of)
                .orElseThrow(() -> ApiException.notFound(
                                "RESERVATION_NOT_FOUND", "Inventory has no reservation for order " + orderId + ".")
                        .with("order_id", orderId));
    }
}
