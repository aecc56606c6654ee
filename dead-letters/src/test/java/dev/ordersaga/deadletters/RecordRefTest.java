package dev.ordersaga.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecordRefTest {

    @Test
    void the_text_form_reads_back_to_the_same_reference() {
        RecordRef ref = new RecordRef("order-events.DLT", 3, 42);
        assertThat(ref.text()).isEqualTo("order-events.DLT/3/42");
        assertThat(RecordRef.parse(ref.text())).isEqualTo(ref);
    }

    @Test
    void anything_else_is_refused() {
        assertThatThrownBy(() -> RecordRef.parse("order-events.DLT/3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordRef.parse("a b/1/2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordRef.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_target_of_a_dead_letter_topic_is_its_own_topic() {
        assertThat(DeadLetters.originOf("payment-events.DLT")).isEqualTo("payment-events");
    }
}
