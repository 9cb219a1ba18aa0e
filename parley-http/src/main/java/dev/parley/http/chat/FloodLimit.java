package dev.parley.http.chat;

/**
 * A token bucket over one connection's frames: {@code burst} frames at once, refilled at {@code perSecond}. Not
 * thread-safe: a connection's frames arrive one at a time.
 */
final class FloodLimit {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private final int burst;
    private final long nanosPerToken;
    private long tokensAt;
    private double tokens;

    FloodLimit(int burst, int perSecond, long nowNanos) {
        if (burst < 1 || perSecond < 1) {
            throw new IllegalArgumentException("flood limit needs burst >= 1 and perSecond >= 1 (burst=" + burst
                    + ", perSecond=" + perSecond + ")");
        }
        this.burst = burst;
        this.nanosPerToken = NANOS_PER_SECOND / perSecond;
        this.tokens = burst;
        this.tokensAt = nowNanos;
    }

    /** Takes one frame's token at {@code nowNanos} ({@link System#nanoTime()}); false when the bucket is empty. */
    boolean take(long nowNanos) {
        long elapsed = nowNanos - tokensAt;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + (double) elapsed / nanosPerToken);
            tokensAt = nowNanos;
        }
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
