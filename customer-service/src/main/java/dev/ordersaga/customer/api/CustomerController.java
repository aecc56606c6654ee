package dev.ordersaga.customer.api;

import dev.ordersaga.customer.domain.CustomerId;
import dev.ordersaga.support.security.Caller;
import dev.ordersaga.support.web.ListPage;
import dev.ordersaga.support.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.models.media.StringSchema;
import jakarta.validation.Valid;
import java.net.URI;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/customers}. Ids bind to {@link CustomerId}, so a malformed id is a 400 before any
 * query; who may do what is decided in {@link CustomerService} from the caller's token.
 */
@RestController
@RequestMapping("/api/customers")
@Tag(name = "customers", description = "Customer records (admin: all; customer: own record)")
class CustomerController {

    private static final int MAX_PAGE_SIZE = 100;

    static {
        // every {id} binds to CustomerId; the API docs show it as the string it is, in one place
        SpringDocUtils.getConfig().replaceWithSchema(CustomerId.class, new StringSchema().pattern(CustomerId.PATTERN));
    }

    private final CustomerService customers;

    CustomerController(CustomerService customers) {
        this.customers = customers;
    }

    @GetMapping
    @Operation(summary = "List customers, by page (an admin sees all, a customer only their own record)")
    ListPage<CustomerResponse> list(
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            @RequestParam(required = false) Boolean active) {
        return customers.list(Caller.current(), Paging.of(page, size, MAX_PAGE_SIZE), active);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One customer")
    CustomerResponse get(@PathVariable CustomerId id) {
        return customers.get(Caller.current(), id);
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Create a customer (admin); 409 CUSTOMER_EXISTS if the given id is taken")
    ResponseEntity<CustomerResponse> create(@Valid @RequestBody CustomerRequests.Create request) {
        CustomerResponse created = customers.create(request);
        return ResponseEntity.created(URI.create("/api/customers/" + created.id()))
                .body(created);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a customer's profile (admin: any; customer: own, without changing active)")
    CustomerResponse replace(@PathVariable CustomerId id, @Valid @RequestBody CustomerRequests.Replace request) {
        return customers.replace(Caller.current(), id, request);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change some fields of a customer (admin: any; customer: own, without changing active)")
    CustomerResponse patch(@PathVariable CustomerId id, @Valid @RequestBody CustomerRequests.Patch request) {
        return customers.patch(Caller.current(), id, request);
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Deactivate a customer (admin); records are never removed, orders refer to them")
    ResponseEntity<Void> deactivate(@PathVariable CustomerId id) {
        customers.deactivate(id);
        return ResponseEntity.noContent().build();
    }
}
