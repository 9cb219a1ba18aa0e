package dev.parley.channels.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waitsDoubleFromMinUpToMaxWithAtMostAFifthTakenOff() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), new SplittableRandom(7));
        long[] bases = {100, 200, 400, 800, 1000, 1000};
        for (long base : bases) {
            long wait = b.next().toMillis();
            assertThat(wait).isBetween(base * 4 / 5, base);
        }
    }

    @Test
    void resetStartsAgainFromMin() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(60), new SplittableRandom(7));
        b.next();
        b.next();
        b.next();
        b.reset();
        assertThat(b.next().toMillis()).isBetween(80L, 100L);
    }
}
