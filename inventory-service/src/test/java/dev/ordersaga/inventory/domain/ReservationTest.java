package dev.ordersaga.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ordersaga.events.Money;
import dev.ordersaga.events.OrderLine;
import dev.ordersaga.events.ReasonCode;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReservationTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final String BOOK = "6849dd2a5b6717b8055f93a9";
    private static final String PEN = "6849dd2b5b6717b8055f93aa";

    @Test
    void the_allowed_transitions_are_exactly_the_documented_ones() {
        assertThat(ReservationStatus.RESERVING.next())
                .containsExactlyInAnyOrder(
                        ReservationStatus.RESERVED, ReservationStatus.REJECTED, ReservationStatus.RELEASED);
        assertThat(ReservationStatus.RESERVED.next())
                .containsExactlyInAnyOrder(ReservationStatus.COMMITTED, ReservationStatus.RELEASED);
        for (ReservationStatus end : EnumSet.of(
                ReservationStatus.REJECTED,
                ReservationStatus.RELEASED,
                ReservationStatus.COMMITTED,
                ReservationStatus.CLOSED)) {
            assertThat(end.next()).as(end.name()).isEmpty();
            assertThat(end.isOpen()).as(end.name()).isFalse();
        }
        assertThat(LineState.PENDING.next()).containsExactly(LineState.APPLIED);
        assertThat(LineState.APPLIED.next()).containsExactlyInAnyOrder(LineState.UNDONE, LineState.COMMITTED);
        assertThat(LineState.UNDONE.next()).isEmpty();
        assertThat(LineState.COMMITTED.next()).isEmpty();
    }

    @Test
    void an_open_reservation_has_every_line_pending() {
        Reservation reservation = open();

        assertThat(reservation.status()).isEqualTo(ReservationStatus.RESERVING);
        assertThat(reservation.pendingLines()).hasSize(2);
        assertThat(reservation.appliedLines()).isEmpty();
        assertThat(reservation.wasReserved()).isFalse();
    }

    @Test
    void lines_naming_one_product_twice_must_be_merged_first() {
        assertThatThrownBy(() -> Reservation.open(
                        "o-1",
                        "c",
                        "credit_card",
                        "corr",
                        List.of(new OrderLine(BOOK, 1), new OrderLine(BOOK, 2)),
                        NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void it_is_reserved_only_when_every_line_is_applied_and_totals_the_catalog_prices() {
        Reservation reservation = open();
        reservation.lineApplied(BOOK, Money.of("12.50", "EUR"));

        assertThatThrownBy(() -> reservation.reserve(NOW)).isInstanceOf(IllegalTransitionException.class);

        reservation.lineApplied(PEN, Money.of("1.99", "EUR"));
        Money total = reservation.reserve(NOW);

        assertThat(total).isEqualTo(Money.of("30.97", "EUR"));
        assertThat(reservation.total()).isEqualTo(total);
        assertThat(reservation.status()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(reservation.wasReserved()).isTrue();
        assertThat(reservation.lines().getFirst().unitMoney()).isEqualTo(Money.of("12.50", "EUR"));
    }

    @Test
    void a_line_is_applied_once() {
        Reservation reservation = open();
        reservation.lineApplied(BOOK, Money.of("12.50", "EUR"));

        assertThatThrownBy(() -> reservation.lineApplied(BOOK, Money.of("12.50", "EUR")))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void a_rejection_marks_the_applied_lines_to_be_undone_and_keeps_the_pending_ones() {
        Reservation reservation = open();
        reservation.lineApplied(BOOK, Money.of("12.50", "EUR"));

        reservation.reject(ReasonCode.INSUFFICIENT_STOCK, List.of(PEN), "short", NOW);

        assertThat(reservation.status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(reservation.lines())
                .extracting(ReservationLine::state)
                .containsExactly(LineState.UNDONE, LineState.PENDING);
        assertThat(reservation.productIds()).containsExactly(PEN);
        assertThatThrownBy(() -> reservation.lineApplied(PEN, Money.of("1.99", "EUR")))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> reservation.release(ReasonCode.SAGA_TIMEOUT, NOW))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void a_release_gives_back_what_was_applied_and_remembers_it() {
        Reservation reservation = reserved();

        List<ReservationLine> released = reservation.release(ReasonCode.PAYMENT_DECLINED, NOW);

        assertThat(released).extracting(ReservationLine::productId).containsExactly(BOOK, PEN);
        assertThat(reservation.releasedLines()).isEqualTo(released);
        assertThat(reservation.lines()).allMatch(line -> line.is(LineState.UNDONE));
        assertThat(reservation.reason()).isEqualTo(ReasonCode.PAYMENT_DECLINED);
        assertThatThrownBy(() -> reservation.commit(NOW)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> reservation.release(ReasonCode.PAYMENT_DECLINED, NOW))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void a_release_while_still_reserving_gives_back_only_the_applied_lines() {
        Reservation reservation = open();
        reservation.lineApplied(BOOK, Money.of("12.50", "EUR"));

        List<ReservationLine> released = reservation.release(ReasonCode.SAGA_TIMEOUT, NOW);

        assertThat(released).extracting(ReservationLine::productId).containsExactly(BOOK);
        assertThat(reservation.wasReserved()).isFalse();
        assertThatThrownBy(() -> reservation.reserve(NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void a_commit_sells_every_line_and_is_final() {
        Reservation reservation = reserved();

        reservation.commit(NOW);

        assertThat(reservation.status()).isEqualTo(ReservationStatus.COMMITTED);
        assertThat(reservation.lines()).allMatch(line -> line.is(LineState.COMMITTED));
        assertThatThrownBy(() -> reservation.release(ReasonCode.SAGA_TIMEOUT, NOW))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> reservation.commit(NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void a_pending_reservation_cannot_be_committed() {
        assertThatThrownBy(() -> open().commit(NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @ParameterizedTest
    @EnumSource(
            value = ReservationStatus.class,
            names = {"REJECTED", "RELEASED", "COMMITTED", "CLOSED"})
    void nothing_leaves_an_end_state(ReservationStatus end) {
        for (ReservationStatus target : ReservationStatus.values()) {
            assertThat(end.canBecome(target)).as(end + " -> " + target).isFalse();
        }
    }

    @Test
    void a_closed_reservation_refuses_every_step() {
        Reservation closed = Reservation.closed("o-9", "corr", ReasonCode.SAGA_TIMEOUT, NOW);

        assertThat(closed.status()).isEqualTo(ReservationStatus.CLOSED);
        assertThat(closed.lines()).isEmpty();
        assertThatThrownBy(() -> closed.release(ReasonCode.SAGA_TIMEOUT, NOW))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> closed.commit(NOW)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> closed.reject(ReasonCode.INSUFFICIENT_STOCK, List.of(), "x", NOW))
                .isInstanceOf(IllegalTransitionException.class);
    }

    private static Reservation open() {
        return Reservation.open(
                "o-1", "c-1", "credit_card", "corr-1", List.of(new OrderLine(BOOK, 2), new OrderLine(PEN, 3)), NOW);
    }

    private static Reservation reserved() {
        Reservation reservation = open();
        reservation.lineApplied(BOOK, Money.of("12.50", "EUR"));
        reservation.lineApplied(PEN, Money.of("1.99", "EUR"));
        reservation.reserve(NOW);
        return reservation;
    }
}
