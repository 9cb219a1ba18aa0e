package dev.parley.core.queue;

import dev.parley.core.tx.Tx;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How a handler finished a job: done, try again after a delay, or give up now (dead letter). Each may
 * carry {@code effects}, written in the same transaction that settles the job, so that (for example) a
 * webhook's delivery-log row and the job's completion commit together.
 */
public sealed interface JobOutcome {

    Consumer<Tx> effects();

    /**
     * {@code afterSettle} runs once the transaction that settles the job has ended: on the writer as it commits ({@link
     * Tx#afterCommit}: quick, never blocking), or on the job's thread when it did not commit. A resource held until the
     * effects are durable, such as an SMPP bind's room for a segment not stored yet, is released there.
     */
    record Done(Consumer<Tx> effects, Runnable afterSettle) implements JobOutcome {
        public Done(Consumer<Tx> effects) {
            this(effects, NO_FOLLOW_UP);
        }
    }

    /** {@code after} null means the runner's backoff for this attempt. */
    record Retry(Duration after, String reason, Consumer<Tx> effects) implements JobOutcome {
    }

    record GiveUp(String reason, Consumer<Tx> effects) implements JobOutcome {
    }

    Consumer<Tx> NOTHING = tx -> { };

    Runnable NO_FOLLOW_UP = () -> { };

    JobOutcome DONE = new Done(NOTHING);

    static JobOutcome done(Consumer<Tx> effects) {
        return new Done(effects);
    }

    static JobOutcome done(Consumer<Tx> effects, Runnable afterSettle) {
        return new Done(effects, afterSettle);
    }

    static JobOutcome retry(String reason) {
        return new Retry(null, reason, NOTHING);
    }

    static JobOutcome retryAfter(Duration after, String reason) {
        return new Retry(after, reason, NOTHING);
    }
}
