package dev.parley.channels.smpp.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InflightWindowTest {

    @Test
    void aWindowHoldsAtMostItsSizeCountsReusedSequenceNumbersAndForgetsStalePlaces() {
        InflightWindow w = new InflightWindow();
        assertThat(w.tryEnter(1, 2, 0)).isTrue();
        assertThat(w.tryEnter(1, 2, 0)).as("a reused sequence number takes a second place").isTrue();
        assertThat(w.tryEnter(2, 2, 0)).isFalse();
        w.leave(1);
        assertThat(w.holds(1)).isTrue();
        assertThat(w.tryEnter(2, 2, 0)).isTrue();
        assertThat(w.size()).isEqualTo(2);
        w.leave(7);
        assertThat(w.size()).isEqualTo(2);
        assertThat(w.tryEnter(3, 2, InflightWindow.STALE_NANOS + 1)).as("places older than 30 s are dropped")
                .isTrue();
        assertThat(w.size()).isEqualTo(1);
        assertThat(w.holds(1)).isFalse();
    }
}
