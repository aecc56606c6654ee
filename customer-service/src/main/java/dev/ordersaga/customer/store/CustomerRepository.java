package dev.ordersaga.customer.store;

import dev.ordersaga.customer.domain.Customer;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface CustomerRepository extends MongoRepository<Customer, String> {

    Page<Customer> findByActive(boolean active, Pageable pageable);
}
