package dev.parley.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real clock plus an offset the test moves forward: time keeps flowing (latencies, leases and timeouts
 * behave as in production), and a test jumps to "tomorrow" with {@link #advance} instead of sleeping.
 */
public final class AdjustableClock extends Clock {
    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public AdjustableClock() {
        this(Clock.systemUTC());
    }

    public AdjustableClock(Clock base) {
        this.base = base;
    }

    /** Moves this clock forward (or back, for a negative duration) by {@code by}; returns the new time. */
    public Instant advance(Duration by) {
        offset.accumulateAndGet(by, Duration::plus);
        return instant();
    }

    /** Moves this clock so that it reads {@code at} now; it keeps flowing from there. */
    public void setTo(Instant at) {
        offset.set(Duration.between(base.instant(), at));
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("an adjustable clock is always UTC");
    }
}
