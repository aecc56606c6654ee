package dev.ordersaga.customer.domain;

import org.springframework.data.mongodb.core.mapping.Field;

/** A postal address of a customer (value object). */
public record Address(
        String street,
        String city,
        String state,
        @Field("postal_code") String postalCode,
        String country) {}
