package dev.ordersaga.inventory.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.ordersaga.inventory.domain.Reservation;
import dev.ordersaga.inventory.domain.ReservationStatus;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Where reservations are kept: one document per order id, saved with an optimistic version. */
@Component
public class Reservations {

    private final MongoTemplate mongo;

    public Reservations(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Stores the reservation unless the order already has one; either way returns the stored one. */
    public Reservation insertOrGet(Reservation fresh) {
        try {
            return mongo.insert(fresh);
        } catch (DuplicateKeyException e) {
            return get(fresh.orderId());
        }
    }

    public Optional<Reservation> find(String orderId) {
        return Optional.ofNullable(mongo.findById(orderId, Reservation.class));
    }

    public Reservation get(String orderId) {
        return find(orderId).orElseThrow(() -> new IllegalStateException("no reservation for order " + orderId));
    }

    /**
     * Saves a changed reservation if nobody else changed it since it was read; otherwise throws
     * {@link org.springframework.dao.OptimisticLockingFailureException} and the caller re-reads.
     */
    public Reservation save(Reservation reservation) {
        return mongo.save(reservation);
    }

    public List<Reservation> findAll(Collection<String> orderIds) {
        return mongo.find(Query.query(where("orderId").in(orderIds)), Reservation.class);
    }

    public long countOpen() {
        return mongo.count(
                Query.query(where("status").in(ReservationStatus.RESERVING.name(), ReservationStatus.RESERVED.name())),
                Reservation.class);
    }
}
