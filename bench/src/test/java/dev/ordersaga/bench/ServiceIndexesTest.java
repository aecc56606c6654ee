package dev.ordersaga.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The indexes a store shaped like the services' gets: each named, each with options of its own. */
class ServiceIndexesTest {

    @Test
    void every_index_has_a_name_of_its_own_in_its_collection() {
        List<ServiceIndexes.Declared> all = ServiceIndexes.all();

        assertThat(all).allMatch(index -> index.options().getName() != null);
        assertThat(all.stream()
                        .map(index -> index.collection() + "." + index.options().getName()))
                .doesNotHaveDuplicates();
        assertThat(all.stream().map(ServiceIndexes.Declared::options))
                .as("a fresh IndexOptions per index, none shared")
                .doesNotHaveDuplicates();
        assertThat(ServiceIndexes.all().getFirst().options())
                .isNotSameAs(all.getFirst().options());
    }

    @Test
    void the_sweeps_watch_is_a_sparse_index_of_the_orders_and_no_collection_of_its_own() {
        List<ServiceIndexes.Declared> all = ServiceIndexes.all();

        assertThat(all)
                .filteredOn(index -> index.options().getName().equals("recheck"))
                .singleElement()
                .satisfies(recheck -> {
                    assertThat(recheck.collection()).isEqualTo("orders");
                    assertThat(recheck.keys().toBsonDocument().toJson()).isEqualTo("{\"recheckAt\": 1}");
                    assertThat(recheck.options().isSparse()).isTrue();
                });
        assertThat(all).noneMatch(index -> index.collection().equals("open_sagas"));
        assertThat(all)
                .filteredOn(index -> index.options().isUnique())
                .extracting(index -> index.collection() + "." + index.options().getName())
                .containsExactlyInAnyOrder(
                        "payments.order_id", "products.sku", "users.username_key_unique", "users.email_key_unique");
    }
}
