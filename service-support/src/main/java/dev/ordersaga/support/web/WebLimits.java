package dev.ordersaga.support.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The size and shape every service accepts before it does any work. The body cap is enforced at
 * the servlet filter (413 before the security chain or a controller runs); the JSON limits are
 * Jackson's stream read constraints on every service's {@code JsonMapper}, so a deeply nested or
 * token-stuffed document is refused while it is parsed, not after it filled the heap.
 *
 * @param maxBodySize the largest request body ({@code SAGA_MAX_BODY_SIZE}); also Jackson's
 *     maximum document length. No request of the product comes near 64 KB (a create_order with
 *     50 lines and a token is under 8 KB)
 * @param json Jackson's stream read constraints
 * @param discard how much of a refused body is read and dropped before the connection closes
 */
@ConfigurationProperties("saga.web")
public record WebLimits(
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue Json json,
        @DefaultValue Discard discard) {

    public WebLimits {
        if (maxBodySize.toBytes() < 1) {
            throw new IllegalArgumentException("saga.web.max-body-size must be positive, got " + maxBodySize);
        }
    }

    /**
     * The lingering close after a body over {@link #maxBodySize()} was refused: the rest of the
     * body is read and dropped (never kept) so that a client which writes its whole body before it
     * reads gets the 413 rather than a connection reset. Read without a thread waiting on the
     * sender; past either bound the connection is closed without reading more.
     *
     * @param maxBytes the most that is read and dropped ({@code SAGA_WEB_DISCARD_MAX_BYTES})
     * @param maxTime the longest a refused request's connection stays open for it ({@code SAGA_WEB_DISCARD_MAX_TIME})
     */
    public record Discard(
            @DefaultValue("128MB") DataSize maxBytes,
            @DefaultValue("30s") Duration maxTime) {}

    /**
     * @param maxNestingDepth objects and arrays inside each other (create_order needs 3)
     * @param maxStringLength characters of one string value (the longest field is a token, ~1 KB)
     * @param maxNumberLength digits of one number (huge numbers cost quadratic time to convert)
     * @param maxTokenCount JSON tokens in one document (a create_order of 50 lines has ~300)
     * @param maxNameLength characters of one field name
     */
    public record Json(
            @DefaultValue("32") int maxNestingDepth,
            @DefaultValue("16384") int maxStringLength,
            @DefaultValue("100") int maxNumberLength,
            @DefaultValue("10000") long maxTokenCount,
            @DefaultValue("256") int maxNameLength) {}
}
