package dev.ordersaga.customer.api;

import dev.ordersaga.customer.domain.Address;
import dev.ordersaga.customer.domain.Customer;
import dev.ordersaga.customer.domain.CustomerId;
import dev.ordersaga.customer.store.CustomerRepository;
import dev.ordersaga.customer.store.CustomerStore;
import dev.ordersaga.events.EventTime;
import dev.ordersaga.support.security.Caller;
import dev.ordersaga.support.web.ApiException;
import dev.ordersaga.support.web.ListPage;
import dev.ordersaga.support.web.Paging;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

/**
 * Customer records: the CRUD of {@code /api/customers} with its access rules (an admin acts on
 * every record, anyone else only on the record linked to them).
 */
@Service
public class CustomerService {

    private static final Logger log = LoggerFactory.getLogger(CustomerService.class);

    private final CustomerRepository customers;
    private final Clock clock;

    CustomerService(CustomerRepository customers, Clock clock) {
        this.customers = customers;
        this.clock = clock;
    }

    /** An admin pages through all customers; anyone else sees a page holding only their own record. */
    public ListPage<CustomerResponse> list(Caller caller, Paging paging, Boolean active) {
        if (!caller.isAdmin()) {
            List<CustomerResponse> own = Optional.ofNullable(caller.customerId())
                    .filter(CustomerId::isValid)
                    .flatMap(id -> customers.findById(id))
                    .filter(c -> active == null || c.isActive() == active)
                    .map(CustomerResponse::of)
                    .stream()
                    .toList();
            return ListPage.of(paging.page() == 0 ? own : List.of(), paging, own.size());
        }
        // Sorted by id: a total order, so pages neither repeat nor skip records.
        var request = paging.pageable(Sort.by("id"));
        Page<Customer> found = active == null ? customers.findAll(request) : customers.findByActive(active, request);
        return ListPage.of(found.map(CustomerResponse::of).getContent(), paging, found.getTotalElements());
    }

    public CustomerResponse get(Caller caller, CustomerId id) {
        return CustomerResponse.of(load(caller, id));
    }

    public CustomerResponse create(CustomerRequests.Create request) {
        String id = request.id() != null ? request.id() : CustomerStore.newId();
        Customer customer = Customer.create(
                id,
                request.userId(),
                request.name(),
                request.email(),
                request.phone(),
                addresses(request.addresses()),
                request.active() == null || request.active(),
                now());
        try {
            return CustomerResponse.of(customers.insert(customer));
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("CUSTOMER_EXISTS", "A customer with id " + id + " already exists.")
                    .with("customer_id", id);
        }
    }

    public CustomerResponse replace(Caller caller, CustomerId id, CustomerRequests.Replace request) {
        Customer customer = load(caller, id);
        Instant now = now();
        changeActive(caller, customer, request.active(), now);
        customer.changeProfile(request.name(), request.email(), request.phone(), addresses(request.addresses()), now);
        return save(customer);
    }

    public CustomerResponse patch(Caller caller, CustomerId id, CustomerRequests.Patch request) {
        Customer customer = load(caller, id);
        Instant now = now();
        changeActive(caller, customer, request.active(), now);
        customer.changeProfile(
                request.name() != null ? request.name() : customer.name(),
                request.email() != null ? request.email() : customer.email(),
                request.phone() != null ? request.phone() : customer.phone(),
                request.addresses() != null ? addresses(request.addresses()) : customer.addresses(),
                now);
        return save(customer);
    }

    /** The soft delete (admin only, checked by the controller). Deactivating an inactive customer changes nothing. */
    public void deactivate(CustomerId id) {
        Customer customer = customers.findById(id.value()).orElseThrow(() -> notFound(id));
        if (customer.isActive()) {
            customer.deactivate(now());
            save(customer);
        }
    }

    private Customer load(Caller caller, CustomerId id) {
        // Authorisation before existence: a customer probing other ids learns nothing about them.
        if (!caller.mayActFor(id.value())) {
            throw ApiException.forbidden("You may only access your own customer record.");
        }
        return customers.findById(id.value()).orElseThrow(() -> notFound(id));
    }

    private static void changeActive(Caller caller, Customer customer, Boolean wanted, Instant now) {
        if (wanted == null || wanted == customer.isActive()) {
            return;
        }
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("Only an admin can activate or deactivate a customer.");
        }
        customer.changeActive(wanted, now);
    }

    private CustomerResponse save(Customer customer) {
        try {
            return CustomerResponse.of(customers.save(customer));
        } catch (OptimisticLockingFailureException e) {
            throw ApiException.conflict(
                            "CONCURRENT_MODIFICATION",
                            "Customer " + customer.id() + " was changed by another request; read it again and retry.")
                    .with("customer_id", customer.id());
        }
    }

    private static ApiException notFound(CustomerId id) {
        return ApiException.notFound("CUSTOMER_NOT_FOUND", "No customer with id " + id.value() + ".")
                .with("customer_id", id.value());
    }

    private static List<Address> addresses(List<AddressBody> bodies) {
        return bodies == null
                ? List.of()
                : bodies.stream().map(AddressBody::toAddress).toList();
    }

    // MongoDB keeps milliseconds: truncate so a value read back equals the value returned on write.
    private Instant now() {
        return EventTime.now(clock);
    }
}
