package dev.parley.core.queue;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter: base·2^(attempt-1), capped, then a random point in its upper half. */
public record Backoff(Duration base, Duration cap) {

    public Duration delay(int attempt) {
        long exp = base.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        long capped = Math.min(exp, cap.toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(jittered);
    }
}
