package dev.parley.channels.smpp;

import dev.parley.core.message.channel.RecentRate;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The submit rate of one connection, over all its binds: at most {@code maxPerSecond} (0: no limit) while the SMSC
 * is content, halved each time it throttles ({@code ESME_RTHROTTLED}, {@code ESME_RMSGQFUL}, {@code generic_nack}),
 * then recovering by a tenth per second without a throttle until the configured rate (or no limit) again. Slots are
 * handed out in order on a virtual timeline, so concurrent senders share the rate without a thread of its own. Also
 * counts the submits of the last seconds, for {@code state()}.
 */
final class SubmitPacer {
    private static final long SECOND = 1_000_000_000L;
    private static final double RECOVERY_PER_SECOND = 1.10;
    private static final double FLOOR = 1.0;
    private final double max;
    private double rate;
    private long nextSlot;
    private long lastAdjust;
    private double ceiling;
    private final RecentRate sent = new RecentRate();

    private final LongSupplier nanoTime;

    SubmitPacer(double maxPerSecond) {
        this(maxPerSecond, System::nanoTime);
    }

    /** @param nanoTime the monotonic clock ({@link System#nanoTime()}; a test's own) */
    SubmitPacer(double maxPerSecond, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.max = maxPerSecond <= 0 ? Double.POSITIVE_INFINITY : maxPerSecond;
        this.rate = this.max;
        long now = nanoTime.getAsLong();
        this.nextSlot = now;
        this.lastAdjust = now;
    }

    /**
     * Waits for the next submit slot; false (and no slot taken) when it would come after {@code deadlineNanos}
     * ({@link System#nanoTime()} scale).
     */
    boolean acquire(long deadlineNanos) {
        long slot;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            recover(now);
            if (Double.isInfinite(rate)) {
                sent.count(now);
                return true;
            }
            slot = Math.max(now, nextSlot);
            if (slot > deadlineNanos) {
                return false;
            }
            nextSlot = slot + (long) (SECOND / rate);
            sent.count(slot);
        }
        long wait;
        while ((wait = slot - nanoTime.getAsLong()) > 0) {
            LockSupport.parkNanos(wait);
        }
        return true;
    }

    /** The SMSC asked to slow down: halve the rate (from what was actually sent, when there was no limit). */
    synchronized void slowDown() {
        long now = nanoTime.getAsLong();
        double from = Double.isInfinite(rate) ? Math.max(FLOOR * 2, sent.perSecond(now)) : rate;
        ceiling = from;
        rate = Math.max(FLOOR, from / 2);
        lastAdjust = now;
        nextSlot = Math.max(nextSlot, now + (long) (SECOND / rate));
    }

    /** The rate allowed now (infinite: no limit). */
    synchronized double currentRate() {
        recover(nanoTime.getAsLong());
        return rate;
    }

    /** Submits per second, averaged over the last few whole seconds. */
    synchronized double perSecond() {
        return sent.perSecond(nanoTime.getAsLong());
    }

    private void recover(long now) {
        if (rate >= max) {
            return;
        }
        double seconds = (now - lastAdjust) / (double) SECOND;
        if (seconds >= 1) {
            rate = rate * Math.pow(RECOVERY_PER_SECOND, Math.floor(seconds));
            lastAdjust = now;
            // Without a configured limit, back to none once the rate that was throttled is reached again.
            if (rate >= max || (Double.isInfinite(max) && rate >= ceiling)) {
                rate = max;
            }
        }
    }
}
