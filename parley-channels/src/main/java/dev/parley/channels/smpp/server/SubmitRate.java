package dev.parley.channels.smpp.server;

import java.time.Clock;

/**
 * A credential's {@code MaxSubmitsPerSecond} over all its binds: a token bucket holding one second of submits, refilled
 * continuously from the injected clock. A rate of 0 is no limit.
 */
final class SubmitRate {
    private final Clock clock;
    private double tokens;
    private long lastMillis;
    private int rate;

    SubmitRate(Clock clock, int rate) {
        this.clock = clock;
        this.rate = rate;
        this.tokens = rate;
        this.lastMillis = clock.millis();
    }

    synchronized void rate(int perSecond) {
        rate = perSecond;
        tokens = Math.min(tokens, perSecond);
    }

    /** Takes one submit's token; false when the credential is over its rate (the submit is then refused). */
    synchronized boolean tryTake() {
        if (rate <= 0) {
            return true;
        }
        long now = clock.millis();
        tokens = Math.min(rate, tokens + (now - lastMillis) * rate / 1000.0);
        lastMillis = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
