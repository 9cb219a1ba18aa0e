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

    record Done(Consumer<Tx> effects) implements JobOutcome {
    }

    /** {@code after} null means the runner's backoff for this attempt. */
    record Retry(Duration after, String reason, Consumer<Tx> effects) implements JobOutcome {
    }

    record GiveUp(String reason, Consumer<Tx> effects) implements JobOutcome {
    }

    Consumer<Tx> NOTHING = tx -> { };

    JobOutcome DONE = new Done(NOTHING);

    static JobOutcome done(Consumer<Tx> effects) {
        return new Done(effects);
    }

    static JobOutcome retry(String reason) {
        return new Retry(null, reason, NOTHING);
    }

    static JobOutcome retryAfter(Duration after, String reason) {
        return new Retry(after, reason, NOTHING);
    }
}
