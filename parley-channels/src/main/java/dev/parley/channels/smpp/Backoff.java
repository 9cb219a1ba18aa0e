package dev.parley.channels.smpp;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The waits between bind attempts: {@code min}, doubling up to {@code max}, each shortened by up to a fifth at random
 * so that the binds of many Parley nodes (or of one connection) do not knock on the SMSC in step. Not thread-safe:
 * one per bind supervisor.
 */
final class Backoff {
    private final Duration min;
    private final Duration max;
    private final RandomGenerator random;
    private Duration current;

    Backoff(Duration min, Duration max, RandomGenerator random) {
        this.min = min;
        this.max = max.compareTo(min) < 0 ? min : max;
        this.random = random;
        this.current = min;
    }

    /** The next wait; the one after is twice as long, up to {@code max}. */
    Duration next() {
        Duration base = current;
        current = base.multipliedBy(2).compareTo(max) > 0 ? max : base.multipliedBy(2);
        long jitter = (long) (base.toNanos() * 0.2 * random.nextDouble());
        return base.minusNanos(jitter);
    }

    /** After a bind that succeeded: the next failure waits {@code min} again. */
    void reset() {
        current = min;
    }
}
