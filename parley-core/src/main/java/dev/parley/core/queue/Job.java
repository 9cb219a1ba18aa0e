package dev.parley.core.queue;

import java.time.Instant;

/**
 * A durable unit of work. {@code attempts} counts claims so far (the current one included once claimed);
 * after {@code maxAttempts} failed attempts the job becomes a dead letter.
 */
public record Job(
        String id,
        String accountSid,
        String kind,
        String payload,
        Instant runAt,
        int attempts,
        int maxAttempts,
        String lastError,
        JobState state,
        Instant createdAt) {

    public enum JobState { PENDING, LEASED, DEAD }

    public static Job create(String id, String accountSid, String kind, String payload, Instant runAt,
            int maxAttempts, Instant now) {
        return new Job(id, accountSid, kind, payload, runAt, 0, maxAttempts, null, JobState.PENDING, now);
    }

    /** This job as a lease leaves it: leased, with one more attempt counted. */
    public Job leased() {
        return new Job(id, accountSid, kind, payload, runAt, attempts + 1, maxAttempts, lastError, JobState.LEASED,
                createdAt);
    }
}
