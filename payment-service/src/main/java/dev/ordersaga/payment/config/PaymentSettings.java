package dev.ordersaga.payment.config;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The payment simulation's knobs.
 *
 * @param amountLimit an order total above this is declined with {@code AMOUNT_LIMIT_EXCEEDED}; it is
 *     compared with the total in the order's own currency (env {@code PAYMENT_AMOUNT_LIMIT})
 * @param randomDeclineRate share of otherwise good payments declined at random with {@code
 *     PAYMENT_DECLINED}, 0 (never, the default) to 1 (always), for demos (env {@code
 *     PAYMENT_RANDOM_DECLINE_RATE})
 */
@Validated
@ConfigurationProperties("payment")
public record PaymentSettings(
        @DefaultValue("10000.00") @NotNull @PositiveOrZero BigDecimal amountLimit,
        @DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double randomDeclineRate) {}
