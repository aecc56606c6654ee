package dev.ordersaga.payment.api;

import dev.ordersaga.payment.domain.Payment;
import dev.ordersaga.payment.domain.PaymentStatus;
import dev.ordersaga.payment.store.PaymentStore;
import dev.ordersaga.support.security.Caller;
import dev.ordersaga.support.web.ApiException;
import dev.ordersaga.support.web.ListPage;
import dev.ordersaga.support.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.springframework.data.domain.Page;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read side of payments. Payments are created only by the saga, never over HTTP. Ids are checked
 * against their format before anything reaches MongoDB (and the queries are typed anyway).
 */
@RestController
@RequestMapping("/api/payments")
@Tag(name = "payments", description = "Payment records of orders (read only)")
public class PaymentController {

    /** Payment ids: canonical UUIDs (any case; stored lowercase). */
    public static final String PAYMENT_ID =
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    /** Order ids: the gateway's UUIDs, or any other id made of letters, digits, '-' and '_' (1-64). */
    static final String ORDER_ID = "^[A-Za-z0-9_-]{1,64}$";

    private static final int MAX_PAGE_SIZE = 500;

    private final PaymentStore store;

    PaymentController(PaymentStore store) {
        this.store = store;
    }

    @GetMapping("/{id}")
    @Operation(summary = "A payment by id (its owner or an admin; 404 for anyone else)")
    PaymentView byId(@PathVariable @Pattern(regexp = PAYMENT_ID, message = "must be a UUID") String id) {
        return store.findById(id.toLowerCase(java.util.Locale.ROOT))
                .filter(PaymentController::visible)
                .map(PaymentView::of)
                .orElseThrow(() -> ApiException.notFound("PAYMENT_NOT_FOUND", "No payment " + id + ".")
                        .with("payment_id", id));
    }

    @GetMapping(params = "order_id")
    @Operation(summary = "The payment of an order (its owner or an admin; 404 for anyone else); one payment per order")
    PaymentView byOrder(
            @RequestParam("order_id") @Pattern(regexp = ORDER_ID, message = "must be 1-64 letters, digits, '-' or '_'")
                    String orderId) {
        return store.findByOrderId(orderId)
                .filter(PaymentController::visible)
                .map(PaymentView::of)
                .orElseThrow(() -> ApiException.notFound("PAYMENT_NOT_FOUND", "No payment for order " + orderId + ".")
                        .with("order_id", orderId));
    }

    @GetMapping(params = "!order_id")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "All payments, oldest first, optionally of one status (admin)")
    ListPage<PaymentView> list(
            @RequestParam(required = false) PaymentStatus status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Paging paging = Paging.of(page, size, MAX_PAGE_SIZE);
        Page<Payment> found = store.page(status, paging);
        return ListPage.of(found.map(PaymentView::of).getContent(), paging, found.getTotalElements());
    }

    /**
     * Ownership before existence: someone else's payment is answered exactly like a missing one
     * (404), so a customer cannot learn which payment or order ids exist.
     */
    private static boolean visible(Payment payment) {
        return Caller.current().mayActFor(payment.customerId());
    }
}
