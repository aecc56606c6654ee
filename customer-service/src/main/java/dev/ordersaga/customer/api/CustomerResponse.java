package dev.ordersaga.customer.api;

import dev.ordersaga.customer.domain.Customer;
import java.time.Instant;
import java.util.List;

/** A customer as the API shows it (snake_case on the wire). */
public record CustomerResponse(
        String id,
        String userId,
        String name,
        String email,
        String phone,
        List<AddressBody> addresses,
        boolean active,
        Instant createdAt,
        Instant updatedAt) {

    static CustomerResponse of(Customer customer) {
        return new CustomerResponse(
                customer.id(),
                customer.userId(),
                customer.name(),
                customer.email(),
                customer.phone(),
                customer.addresses().stream().map(AddressBody::of).toList(),
                customer.isActive(),
                customer.createdAt(),
                customer.updatedAt());
    }
}
