package dev.parley.core.message.channel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * A channel's error lines at WARN, at most one a second, each with how many were not logged since the last: a storm
 * (every send throttled, every call refused) stays readable. Thread-safe.
 */
public final class ThrottledLog {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final Logger log;
    private final String prefix;
    private final LongSupplier nanoTime;
    private final AtomicLong lastLogged;
    private final AtomicLong unlogged = new AtomicLong();

    /**
     * @param prefix   what each line starts with, before {@code ": "} (the channel's name)
     * @param nanoTime the monotonic clock ({@link System#nanoTime()}; a test's own)
     */
    public ThrottledLog(Logger log, String prefix, LongSupplier nanoTime) {
        this.log = log;
        this.prefix = prefix;
        this.nanoTime = nanoTime;
        this.lastLogged = new AtomicLong(nanoTime.getAsLong() - SECOND);
    }

    public void warn(String error) {
        long now = nanoTime.getAsLong();
        long last = lastLogged.get();
        if (now - last >= SECOND && lastLogged.compareAndSet(last, now)) {
            long quiet = unlogged.getAndSet(0);
            log.warn("{}: {}{}", prefix, error, quiet == 0 ? "" : " (" + quiet + " more since the last line)");
        } else {
            unlogged.incrementAndGet();
        }
    }
}
