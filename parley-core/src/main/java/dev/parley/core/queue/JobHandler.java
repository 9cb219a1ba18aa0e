package dev.parley.core.queue;

/**
 * Runs one kind of job. Called on a virtual thread, possibly more than once for the same job (after a
 * crash, or when the lease ran out), so it must be idempotent. It may do network I/O; an exception is
 * treated as a retryable failure.
 */
public interface JobHandler {

    String kind();

    JobOutcome handle(Job job);

    /** Called once when the job is buried as a dead letter, inside that transaction. */
    default void onDeadLetter(Job job, String reason, dev.parley.core.tx.Tx tx) {
    }
}
