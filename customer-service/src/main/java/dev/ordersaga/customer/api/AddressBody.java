package dev.ordersaga.customer.api;

import dev.ordersaga.customer.domain.Address;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** An address as the API reads and writes it ({@code postal_code} on the wire). */
public record AddressBody(
        @NotBlank @Size(max = 200) String street,
        @NotBlank @Size(max = 100) String city,
        @Size(max = 100) String state,
        @Size(max = 20) String postalCode,
        @NotBlank @Size(max = 100) String country) {

    Address toAddress() {
        return new Address(street.strip(), city.strip(), blankToNull(state), blankToNull(postalCode), country.strip());
    }

    static AddressBody of(Address address) {
        return new AddressBody(
                address.street(), address.city(), address.state(), address.postalCode(), address.country());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
