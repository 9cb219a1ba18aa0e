package dev.parley.channels.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SubmitPacerTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    @Test
    void throttlingHalvesTheRateAndItRecoversATenthPerSecondUpToTheLimit() {
        SubmitPacer pacer = new SubmitPacer(100, now::get);
        pacer.slowDown();
        pacer.slowDown();
        assertThat(pacer.currentRate()).isEqualTo(25.0);

        now.addAndGet(SECOND);
        assertThat(pacer.currentRate()).isCloseTo(27.5, within(0.01));
        now.addAndGet(10 * SECOND);
        assertThat(pacer.currentRate()).isCloseTo(27.5 * Math.pow(1.1, 10), within(0.01));
        now.addAndGet(30 * SECOND);
        assertThat(pacer.currentRate()).isEqualTo(100.0);
    }

    @Test
    void withoutALimitThrottlingHalvesWhatWasSentAndRecoversToNoLimit() {
        SubmitPacer pacer = new SubmitPacer(0, now::get);
        for (int i = 0; i < 500; i++) {
            assertThat(pacer.acquire(now.get())).isTrue();
        }
        now.addAndGet(SECOND);
        assertThat(pacer.perSecond()).isEqualTo(100.0);

        pacer.slowDown();
        assertThat(pacer.currentRate()).isEqualTo(50.0);
        now.addAndGet(8 * SECOND);
        assertThat(pacer.currentRate()).as("1.1^8 x 50 = 107 > the 100/s throttled").isInfinite();
    }

    @Test
    void aSlotAfterTheDeadlineIsRefusedAndNotTaken() {
        SubmitPacer pacer = new SubmitPacer(10, now::get);
        assertThat(pacer.acquire(now.get())).isTrue();

        assertThat(pacer.acquire(now.get() + SECOND / 20)).as("the next slot is 100 ms away").isFalse();
        now.addAndGet(SECOND / 10);
        assertThat(pacer.acquire(now.get())).as("the refused slot was not taken").isTrue();
    }
}
