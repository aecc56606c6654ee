package dev.ordersaga.inventory.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import dev.ordersaga.inventory.domain.Reservation;
import dev.ordersaga.inventory.domain.ReservationStatus;
import dev.ordersaga.support.mongo.VersionedWrites;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Where reservations are kept: one document per order id, written over the version it was read at. */
@Component
public class Reservations {

    private final MongoTemplate mongo;

    public Reservations(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<Reservation> find(String orderId) {
        return Optional.ofNullable(mongo.findById(orderId, Reservation.class));
    }

    /**
     * Writes many reservations in one bulk write, each guarded by its version: a new one only if the
     * order has none, a changed one only over the version it was read at.
     *
     * @return the order ids whose reservation another writer changed first (not written)
     */
    public Set<String> storeAll(Collection<Reservation> changed) {
        changed.forEach(Reservation::advanceVersion);
        return VersionedWrites.storeAll(mongo, Reservation.class, changed, Reservation::orderId, Reservation::version);
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
