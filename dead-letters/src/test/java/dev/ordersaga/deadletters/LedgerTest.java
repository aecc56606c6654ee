package dev.ordersaga.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LedgerTest {

    @Test
    void a_fresh_partition_has_every_record_waiting() {
        Ledger ledger = Ledger.of(0, null);
        assertThat(ledger.waiting(0, 5)).isEqualTo(5);
        assertThat(ledger.done(0)).isFalse();
    }

    @Test
    void a_record_re_driven_out_of_order_is_listed_and_the_rest_still_waits() {
        Ledger ledger = Ledger.of(0, null);
        ledger.mark(3);
        assertThat(ledger.offset()).isZero();
        assertThat(ledger.metadata()).isEqualTo("3");
        assertThat(ledger.done(3)).isTrue();
        assertThat(ledger.waiting(0, 5)).isEqualTo(4);
    }

    @Test
    void re_driving_the_oldest_waiting_record_moves_the_offset_past_every_listed_one() {
        Ledger ledger = Ledger.of(0, "1,2,4");
        ledger.mark(0);
        assertThat(ledger.offset()).isEqualTo(3);
        assertThat(ledger.metadata()).isEqualTo("4");
        assertThat(ledger.waiting(0, 6)).isEqualTo(2); // 3 and 5
    }

    @Test
    void marking_a_record_twice_changes_nothing() {
        Ledger ledger = Ledger.of(2, "5");
        ledger.mark(1);
        ledger.mark(5);
        assertThat(ledger.offset()).isEqualTo(2);
        assertThat(ledger.metadata()).isEqualTo("5");
    }

    @Test
    void metadata_below_the_committed_offset_or_not_a_number_is_ignored() {
        Ledger ledger = Ledger.of(4, "1,x,7, 9");
        assertThat(ledger.metadata()).isEqualTo("7,9");
        assertThat(ledger.waiting(0, 10)).isEqualTo(4); // 4, 5, 6, 8
    }

    @Test
    void a_ledger_too_long_for_kafka_is_refused_with_what_to_do() {
        Ledger ledger = Ledger.of(0, null);
        for (long o = 1_000_000_000L; o < 1_000_000_500L; o++) {
            ledger.mark(o);
        }
        assertThatThrownBy(ledger::metadata).hasMessageContaining("re-drive the oldest waiting record first");
    }
}
