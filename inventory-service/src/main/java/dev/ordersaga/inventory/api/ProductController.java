package dev.ordersaga.inventory.api;

import dev.ordersaga.inventory.domain.Product;
import dev.ordersaga.support.security.Caller;
import dev.ordersaga.support.web.ListPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The catalog: everyone signed in reads, only admins write. */
@RestController
@RequestMapping("/api/products")
@Tag(name = "products", description = "Catalog, stock levels and stock adjustments")
public class ProductController {

    /** Product ids are MongoDB ObjectIds in their 24-hex form. */
    public static final String ID_PATTERN = "^[0-9a-f]{24}$";

    private static final String ID_MESSAGE = "must be 24 lowercase hex characters";

    private final ProductService products;

    public ProductController(ProductService products) {
        this.products = products;
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Create a product (ADMIN); 409 if the id or the sku exists")
    ResponseEntity<ProductView> create(@Valid @RequestBody CreateProductRequest request) {
        Product created = products.create(request);
        return ResponseEntity.created(URI.create("/api/products/" + created.id()))
                .body(ProductView.of(created));
    }

    @GetMapping
    @Operation(summary = "List products by sku, optionally filtered by a part of the name")
    ListPage<ProductView> list(
            @RequestParam(required = false) String name,
            @RequestParam(required = false) Boolean active,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return products.list(name, active, page, size);
    }

    @GetMapping("/{id}")
    ProductView get(@PathVariable @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String id) {
        return ProductView.of(products.get(id));
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Replace name, description, price and active (ADMIN); stock only changes by adjustments")
    ProductView replace(
            @PathVariable @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String id,
            @Valid @RequestBody UpdateProductRequest request) {
        return ProductView.of(products.replace(id, request));
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Change some of name, description, price and active (ADMIN)")
    ProductView patch(
            @PathVariable @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String id,
            @Valid @RequestBody PatchProductRequest request) {
        return ProductView.of(products.patch(id, request));
    }

    @PostMapping("/{id}/stock")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Adjust the available stock by a signed delta (ADMIN); 409 INSUFFICIENT_STOCK below zero")
    ProductView adjustStock(
            @PathVariable @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String id,
            @Valid @RequestBody StockAdjustmentRequest request) {
        Caller caller = Caller.current();
        String by = caller.username() != null ? caller.username() : caller.userId();
        return ProductView.of(products.adjustStock(id, request, by));
    }

    @GetMapping("/{id}/availability")
    AvailabilityView availability(@PathVariable @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String id) {
        return AvailabilityView.of(products.get(id));
    }
}
