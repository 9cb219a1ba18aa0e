package dev.parley.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real clock plus an offset the test moves forward: time keeps flowing (latencies, leases and timeouts
 * behave as in production), and a test jumps to "tomorrow" with {@link #advance} instead of sleeping. A test that
 * needs exact times (a rate limit's spacing) may {@link #freeze} it: it then moves only when advanced, until
 * {@link #thaw}.
 */
public final class AdjustableClock extends Clock {
    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private volatile Instant frozenAt;

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
        Instant stoppedAt = frozenAt;
        offset.set(Duration.between(stoppedAt != null ? stoppedAt : base.instant(), at));
    }

    /** Stops the flow of time: from now on this clock moves only by {@link #advance} or {@link #setTo}. */
    public synchronized void freeze() {
        if (frozenAt == null) {
            frozenAt = base.instant();
        }
    }

    /** Lets time flow again from where the clock stands, without a jump. */
    public synchronized void thaw() {
        Instant stoppedAt = frozenAt;
        if (stoppedAt != null) {
            offset.accumulateAndGet(Duration.between(base.instant(), stoppedAt), Duration::plus);
            frozenAt = null;
        }
    }

    @Override
    public Instant instant() {
        Instant stoppedAt = frozenAt;
        return (stoppedAt != null ? stoppedAt : base.instant()).plus(offset.get());
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
