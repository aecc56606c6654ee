package dev.ordersaga.inventory.api;

import dev.ordersaga.events.EventTime;
import dev.ordersaga.events.Money;
import dev.ordersaga.events.ReasonCode;
import dev.ordersaga.inventory.config.InventorySettings;
import dev.ordersaga.inventory.domain.Price;
import dev.ordersaga.inventory.domain.Product;
import dev.ordersaga.inventory.domain.StockAdjustment;
import dev.ordersaga.inventory.store.ProductCatalog;
import dev.ordersaga.inventory.store.ProductStock;
import dev.ordersaga.support.web.ApiException;
import dev.ordersaga.support.web.ListPage;
import dev.ordersaga.support.web.Paging;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

/** The catalog: create, read, edit products and adjust their stock by hand. */
@Service
public class ProductService {

    private static final Logger log = LoggerFactory.getLogger(ProductService.class);

    private final ProductCatalog catalog;
    private final ProductStock stock;
    private final InventorySettings settings;

    public ProductService(ProductCatalog catalog, ProductStock stock, InventorySettings settings) {
        this.catalog = catalog;
        this.stock = stock;
        this.settings = settings;
    }

    public Product create(CreateProductRequest request) {
        Instant now = now();
        String id = request.id() != null ? request.id() : ProductCatalog.newId();
        Product product = Product.create(
                id,
                request.sku().strip(),
                request.name().strip(),
                request.description(),
                price(request.price()),
                request.active() == null || request.active(),
                request.stock() == null ? 0 : request.stock(),
                now);
        try {
            return catalog.insert(product);
        } catch (DuplicateKeyException e) {
            // The unique indexes decide (also between racing requests); then say which one.
            if (catalog.exists(id)) {
                throw ApiException.conflict("PRODUCT_ALREADY_EXISTS", "A product with id " + id + " already exists.")
                        .with("product_id", id);
            }
            throw ApiException.conflict(
                            "SKU_ALREADY_EXISTS", "A product with sku " + product.sku() + " already exists.")
                    .with("sku", product.sku());
        }
    }

    public Product get(String id) {
        return catalog.find(id).orElseThrow(() -> notFound(id));
    }

    /** A page of products sorted by sku, optionally only those whose name contains {@code name} (case-insensitive). */
    public ListPage<ProductView> list(String name, Boolean active, int page, int size) {
        Paging paging = Paging.of(page, size, settings.maxPageSize());
        long total = catalog.count(name, active);
        List<ProductView> items = catalog.list(name, active, paging.pageable(Sort.by("sku"))).stream()
                .map(ProductView::of)
                .toList();
        return ListPage.of(items, paging, total);
    }

    public Product replace(String id, UpdateProductRequest request) {
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("name", request.name().strip());
        update.put("description", request.description());
        update.put("price", price(request.price()));
        update.put("active", request.active());
        return update(id, update);
    }

    public Product patch(String id, PatchProductRequest request) {
        if (request.isEmpty()) {
            throw invalid("body", "names none of name, description, price, active");
        }
        Map<String, Object> update = new LinkedHashMap<>();
        if (request.name() != null) {
            update.put("name", request.name().strip());
        }
        if (request.description() != null) {
            update.put("description", request.description());
        }
        if (request.price() != null) {
            update.put("price", price(request.price()));
        }
        if (request.active() != null) {
            update.put("active", request.active());
        }
        return update(id, update);
    }

    /** One conditional update: a negative delta larger than what is available is refused, never clamped. */
    public Product adjustStock(String id, StockAdjustmentRequest request, String adjustedBy) {
        long delta = request.delta();
        if (delta == 0) {
            throw invalid("delta", "must not be zero");
        }
        Instant now = now();
        Product adjusted = stock.adjust(id, delta, now).orElseThrow(() -> {
            Product current = get(id);
            return ApiException.conflict(
                            ReasonCode.INSUFFICIENT_STOCK.name(),
                            "Only %d available; cannot take away %d."
                                    .formatted(current.stock().available(), -delta))
                    .with("product_id", id)
                    .with("available", current.stock().available());
        });
        catalog.record(new StockAdjustment(
                null,
                id,
                delta,
                request.reason().strip(),
                adjustedBy,
                adjusted.stock().available(),
                now));
        log.info(
                "stock of {} adjusted by {} ({}) by {}: available {}",
                id,
                delta,
                request.reason(),
                adjustedBy,
                adjusted.stock().available());
        return adjusted;
    }

    private Product update(String id, Map<String, Object> fields) {
        return catalog.update(id, fields, now()).orElseThrow(() -> notFound(id));
    }

    private static Price price(PriceBody body) {
        try {
            return Price.of(new Money(body.amount(), body.currency()));
        } catch (IllegalArgumentException e) {
            throw invalid("price", e.getMessage());
        }
    }

    static ApiException notFound(String id) {
        return ApiException.notFound(ReasonCode.PRODUCT_NOT_FOUND.name(), "No product " + id + ".")
                .with("product_id", id);
    }

    private static ApiException invalid(String field, String message) {
        return ApiException.badRequest("VALIDATION_FAILED", "The request has invalid fields.")
                .with("errors", List.of(Map.of("field", field, "message", message)));
    }

    /** Mongo keeps milliseconds; cutting here makes what we return equal to what a later read returns. */
    private static Instant now() {
        return EventTime.now(Clock.systemUTC());
    }
}
