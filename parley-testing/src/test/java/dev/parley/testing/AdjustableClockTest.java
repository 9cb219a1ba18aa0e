package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AdjustableClockTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A base clock the test moves by hand, standing for real time. */
    private static final class ManualClock extends Clock {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void aFrozenClockMovesOnlyWhenAdvancedAndThawsWithoutAJump() {
        ManualClock real = new ManualClock();
        AdjustableClock clock = new AdjustableClock(real);
        clock.advance(Duration.ofSeconds(10));
        clock.freeze();

        real.now = T0.plusSeconds(5);
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(10));
        clock.advance(Duration.ofSeconds(1));
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(11));
        clock.setTo(T0.plusSeconds(20));
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(20));

        clock.thaw();
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(20));
        real.now = T0.plusSeconds(7);
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(22));
    }
}
