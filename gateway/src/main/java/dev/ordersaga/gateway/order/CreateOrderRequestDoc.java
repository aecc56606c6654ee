package dev.ordersaga.gateway.order;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The create_order body as documented in the OpenAPI description. The endpoint reads the body as
 * a JSON tree and validates it with {@link CreateOrderParser} (so that every bad field is
 * reported); this record only describes it.
 */
@Schema(name = "CreateOrderRequest")
record CreateOrderRequestDoc(
        @Schema(description = "Optional when the Authorization: Bearer header is sent")
        String token,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "^[0-9a-fA-F]{24}$")
        String customerId,

        @ArraySchema(
                minItems = 1,
                maxItems = CreateOrderLimits.MAX_LINES,
                schema = @Schema(implementation = Line.class))
        List<Line> products,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = CreateOrderLimits.MAX_PAYMENT_METHOD_LENGTH)
        String paymentMethod,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = CreateOrderLimits.MAX_ADDRESS_LENGTH)
        String shippingAddress,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = CreateOrderLimits.MAX_ADDRESS_LENGTH)
        String billingAddress) {

    record Line(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "^[0-9a-fA-F]{24}$")
            String productId,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", maximum = "1000")
            int quantity) {}
}
