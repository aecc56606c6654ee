package dev.ordersaga.gateway.order;

import dev.ordersaga.gateway.reply.ConfirmedOrder;
import dev.ordersaga.support.tracing.SagaTracing;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/create_order}: one synchronous call over the asynchronous saga. The handler
 * returns a {@link CompletableFuture}, so Spring MVC releases the request thread at once and
 * writes the answer when the reply (or the hop timeout) completes it: no thread is held per
 * waiting request.
 */
@RestController
class CreateOrderController {

    private final CreateOrderService orders;
    private final SagaTracing tracing;

    CreateOrderController(CreateOrderService orders, SagaTracing tracing) {
        this.orders = orders;
        this.tracing = tracing;
    }

    @Operation(
            summary = "Place an order and wait for the saga's outcome",
            description = "Token in Authorization: Bearer or in the body field token. Each saga step must"
                    + " follow within saga.hop-timeout (5s) of the previous one, else 504 with the order id,"
                    + " the last step and the status URL.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = CreateOrderRequestDoc.class))),
            responses = {
                @ApiResponse(
                        responseCode = "201",
                        description = "Confirmed",
                        content = @Content(schema = @Schema(implementation = ConfirmedOrder.class))),
                @ApiResponse(responseCode = "400", description = "Invalid body: errors lists each field"),
                @ApiResponse(responseCode = "401", description = "No, bad or expired token"),
                @ApiResponse(responseCode = "402", description = "Payment declined; stock released"),
                @ApiResponse(responseCode = "403", description = "Ordering for another customer"),
                @ApiResponse(
                        responseCode = "409",
                        description = "Products unknown/inactive/out of stock, or cancelled"),
                @ApiResponse(
                        responseCode = "422",
                        description = "Customer missing/inactive, or Idempotency-Key reused"),
                @ApiResponse(responseCode = "504", description = "A saga hop took too long")
            })
    @PostMapping(path = "/api/create_order", consumes = MediaType.APPLICATION_JSON_VALUE)
    CompletableFuture<ResponseEntity<Object>> createOrder(
            @RequestBody JsonNode body,
            @Parameter(description = "Same key and body → same order; same key, other body → 422. At most 100 chars.")
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    String idempotencyKey) {
        // the request's trace, captured here: the answer may be written by the hop-timeout sweeper,
        // outside any span
        String traceId = tracing.currentTraceId();
        return orders.createOrder(body, idempotencyKey)
                .thenApply(answer -> answer.withTraceId(traceId).toResponse());
    }
}
