package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.throughput.RatedSender;
import dev.parley.core.throughput.SendRates;
import dev.parley.core.throughput.SenderQueue;
import dev.parley.core.throughput.SenderQueue.Reservation;
import dev.parley.testing.AdjustableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The per-sender send schedule: the reservation function over the real store. */
interface SenderQueueContract extends UsesDatabase {

    private static AdjustableClock clock() {
        return new AdjustableClock(Clock.fixed(T0, ZoneOffset.UTC));
    }

    private Reservation reserve(SenderQueue queue, RatedSender sender, int segments) {
        return storage().write(tx -> queue.reserve(tx, sender, segments));
    }

    private Instant slot(SenderQueue queue, RatedSender sender, int segments) {
        return ((Reservation.Slot) reserve(queue, sender, segments)).at();
    }

    private Optional<Instant> nextSlot(RatedSender sender) {
        return storage().write(tx -> tx.senderQueues().nextSlot(sender.accountSid(), sender.address()));
    }

    private static RatedSender sender(String channel, Double rate) {
        return new RatedSender(Fixtures.sid("AC"), "+14155550100", channel, rate);
    }

    @Test
    default void aSenderAtOnePerSecondGetsSlotsOneSecondApartFromNow() {
        SenderQueue queue = new SenderQueue(SendRates.UNLIMITED, clock());
        RatedSender sender = sender("simulator", 1.0);
        List<Instant> slots = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            slots.add(slot(queue, sender, 1));
        }
        assertThat(slots).containsExactly(T0, T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3),
                T0.plusSeconds(4));
        assertThat(nextSlot(sender)).contains(T0.plusSeconds(5));
    }

    @Test
    default void aMessageTakesOneSlotPerSegment() {
        SenderQueue queue = new SenderQueue(SendRates.UNLIMITED, clock());
        RatedSender sender = sender("simulator", 2.0);
        assertThat(slot(queue, sender, 3)).isEqualTo(T0);
        assertThat(slot(queue, sender, 1)).isEqualTo(T0.plusMillis(1500));
        assertThat(slot(queue, sender, 1)).isEqualTo(T0.plusMillis(2000));
    }

    @Test
    default void anUnlimitedSenderAlwaysGetsNowAndWritesNothing() {
        SenderQueue queue = new SenderQueue(new SendRates(Map.of("smpp:carrier-a", 1.0)), clock());
        RatedSender simulator = sender("simulator", null);
        RatedSender unlimitedOverride = sender("smpp:carrier-a", 0.0);
        for (int i = 0; i < 3; i++) {
            assertThat(slot(queue, simulator, 1)).isEqualTo(T0);
            assertThat(slot(queue, unlimitedOverride, 1)).isEqualTo(T0);
        }
        assertThat(nextSlot(simulator)).isEmpty();
        assertThat(nextSlot(unlimitedOverride)).isEmpty();
    }

    @Test
    default void theChannelDefaultAppliesUnlessTheNumberHasItsOwnRate() {
        SenderQueue queue = new SenderQueue(new SendRates(Map.of("smpp:carrier-a", 4.0)), clock());
        RatedSender byChannel = sender("smpp:carrier-a", null);
        RatedSender own = new RatedSender(byChannel.accountSid(), "+14155550101", "smpp:carrier-a", 100.0);
        assertThat(slot(queue, byChannel, 1)).isEqualTo(T0);
        assertThat(slot(queue, byChannel, 1)).isEqualTo(T0.plusMillis(250));
        assertThat(slot(queue, own, 1)).isEqualTo(T0);
        assertThat(slot(queue, own, 1)).isEqualTo(T0.plusMillis(10));
    }

    @Test
    default void theQueueHoldsTenHoursAtTheSendersRateAndRefusesMoreWritingNothing() {
        SenderQueue queue = new SenderQueue(SendRates.UNLIMITED, clock());
        RatedSender sender = sender("simulator", 0.001); // one segment per 1000 s: 36 fit in 10 hours
        for (int i = 0; i < 36; i++) {
            assertThat(slot(queue, sender, 1)).isEqualTo(T0.plusSeconds(1000L * i));
        }

        Reservation refused = reserve(queue, sender, 1);

        assertThat(refused).isInstanceOf(Reservation.QueueFull.class);
        Reservation.QueueFull full = (Reservation.QueueFull) refused;
        assertThat(full.sender()).isEqualTo("+14155550100");
        assertThat(full.backlog()).isEqualTo(Duration.ofHours(10));
        assertThat(full.describe()).contains("+14155550100", "36000 s queued", "0.001 segments/s");
        assertThat(nextSlot(sender)).contains(T0.plusSeconds(36_000));
    }

    @Test
    default void theQueueDrainsAsTimePassesAndAnIdleSenderStartsFromNow() {
        AdjustableClock clock = clock();
        SenderQueue queue = new SenderQueue(SendRates.UNLIMITED, clock);
        RatedSender sender = sender("simulator", 0.001);
        for (int i = 0; i < 36; i++) {
            slot(queue, sender, 1);
        }
        clock.advance(Duration.ofSeconds(1000));
        assertThat(slot(queue, sender, 1)).isEqualTo(T0.plusSeconds(36_000));
        assertThat(reserve(queue, sender, 1)).isInstanceOf(Reservation.QueueFull.class);

        clock.advance(Duration.ofDays(1));
        assertThat(slot(queue, sender, 1)).isEqualTo(clock.instant());
    }

    @Test
    default void sendersAndAccountsHaveIndependentSchedules() {
        SenderQueue queue = new SenderQueue(SendRates.UNLIMITED, clock());
        RatedSender a = sender("simulator", 1.0);
        RatedSender otherNumber = new RatedSender(a.accountSid(), "+14155550101", "simulator", 1.0);
        RatedSender otherAccount = sender("simulator", 1.0);
        for (int i = 0; i < 10; i++) {
            slot(queue, a, 1);
        }
        assertThat(slot(queue, otherNumber, 1)).isEqualTo(T0);
        assertThat(slot(queue, otherAccount, 1)).isEqualTo(T0);
    }

    @Test
    default void aRolledBackReservationLeavesTheScheduleAsItWas() {
        SenderQueue queue = new SenderQueue(SendRates.UNLIMITED, clock());
        RatedSender sender = sender("simulator", 1.0);
        slot(queue, sender, 1);
        try {
            storage().writeVoid(tx -> {
                queue.reserve(tx, sender, 1);
                throw new IllegalStateException("the message insert failed");
            });
        } catch (IllegalStateException expected) {
            // the unit rolled back
        }
        assertThat(slot(queue, sender, 1)).isEqualTo(T0.plusSeconds(1));
    }
}
