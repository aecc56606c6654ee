package dev.ordersaga.inventory.domain;

import dev.ordersaga.events.Money;
import java.math.BigDecimal;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;

/**
 * {@link Money} as stored: the amount as a BSON Decimal128 (exact, never a double) and the currency
 * code. The events-schema type stays free of persistence annotations.
 */
public record Price(
        @Field(targetType = FieldType.DECIMAL128) BigDecimal amount, String currency) {

    public static Price of(Money money) {
        return new Price(money.amount(), money.currency());
    }

    /** Back to {@link Money}, which restores the currency's scale (Decimal128 keeps it anyway). */
    public Money toMoney() {
        return new Money(amount, currency);
    }
}
