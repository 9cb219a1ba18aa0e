package dev.parley.core.message.channel;

import java.util.concurrent.TimeUnit;

/**
 * Events per second, averaged over the last {@value #WINDOW_SECONDS} whole seconds of a monotonic clock: what a
 * channel's {@link ChannelState} reports as its submit or request rate. A ring of per-second counts, so recording and
 * reading cost the same whatever the rate. Not thread-safe: its owner holds the lock it already takes.
 */
public final class RecentRate {
    static final int WINDOW_SECONDS = 5;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final long[] counts = new long[WINDOW_SECONDS + 1];
    private final long[] secondOf = new long[WINDOW_SECONDS + 1];

    /** One event at {@code nanos} ({@link System#nanoTime()} scale, which may be negative). */
    public void count(long nanos) {
        long second = Math.floorDiv(nanos, SECOND);
        int i = (int) Math.floorMod(second, (long) counts.length);
        if (secondOf[i] != second) {
            secondOf[i] = second;
            counts[i] = 0;
        }
        counts[i]++;
    }

    /** The events of the last whole seconds before {@code nanos}, per second. */
    public double perSecond(long nanos) {
        long second = Math.floorDiv(nanos, SECOND);
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            if (secondOf[i] < second && secondOf[i] >= second - WINDOW_SECONDS) {
                sum += counts[i];
            }
        }
        return sum / (double) WINDOW_SECONDS;
    }
}
