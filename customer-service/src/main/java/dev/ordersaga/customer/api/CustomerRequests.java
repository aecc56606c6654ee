package dev.ordersaga.customer.api;

import dev.ordersaga.customer.domain.CustomerId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The request bodies of {@code /api/customers}. Every field is typed and bounded. */
public final class CustomerRequests {

    static final String NOT_BLANK = "(?s).*\\S.*";
    static final String PHONE = "^\\+?[0-9 ()./-]{3,32}$";
    // user ids come from auth-service; whatever their form, they are plain tokens, never JSON or operators
    static final String USER_ID = "^[A-Za-z0-9._:-]{1,64}$";
    static final int MAX_ADDRESSES = 10;

    private CustomerRequests() {}

    /** {@code POST /api/customers} (admin). {@code id} is optional (the seeder gives one), {@code active} defaults to true. */
    public record Create(
            @Pattern(regexp = CustomerId.PATTERN, message = "must be 24 lowercase hex digits (ObjectId form)")
            String id,

            @Pattern(regexp = USER_ID, message = "must be 1-64 letters, digits or . _ : -")
            String userId,

            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 254) String email,

            @Pattern(regexp = PHONE, message = "must be a phone number")
            String phone,

            @Size(max = MAX_ADDRESSES) List<@NotNull @Valid AddressBody> addresses,
            Boolean active) {}

    /** {@code PUT /api/customers/{id}}: the whole profile; {@code active} only if given (admin). */
    public record Replace(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 254) String email,

            @Pattern(regexp = PHONE, message = "must be a phone number")
            String phone,

            @Size(max = MAX_ADDRESSES) List<@NotNull @Valid AddressBody> addresses,
            Boolean active) {}

    /** {@code PATCH /api/customers/{id}}: only the fields given change. */
    public record Patch(
            @Pattern(regexp = NOT_BLANK, message = "must not be blank") @Size(max = 200)
            String name,

            @Pattern(regexp = NOT_BLANK, message = "must not be blank") @Email @Size(max = 254)
            String email,

            @Pattern(regexp = PHONE, message = "must be a phone number")
            String phone,

            @Size(max = MAX_ADDRESSES) List<@NotNull @Valid AddressBody> addresses,
            Boolean active) {}
}
