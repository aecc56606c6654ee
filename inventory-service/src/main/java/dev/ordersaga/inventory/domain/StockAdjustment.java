package dev.ordersaga.inventory.domain;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Field;

/**
 * The audit trail of manual stock changes: who changed what and why. The product's {@code received}
 * counter is the source of truth; this record explains it.
 */
@Document("stock_adjustments")
public record StockAdjustment(
        @Id String id,
        @Indexed @Field("product_id") String productId,
        long delta,
        String reason,
        @Field("adjusted_by") String adjustedBy,
        @Field("available_after") long availableAfter,
        @Field("adjusted_at") Instant adjustedAt) {}
