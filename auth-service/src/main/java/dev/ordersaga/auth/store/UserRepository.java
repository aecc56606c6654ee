package dev.ordersaga.auth.store;

import dev.ordersaga.auth.domain.User;
import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface UserRepository extends MongoRepository<User, String> {

    Optional<User> findByUsernameKey(String usernameKey);

    boolean existsByUsernameKey(String usernameKey);

    long countByUsernameKey(String usernameKey);
}
