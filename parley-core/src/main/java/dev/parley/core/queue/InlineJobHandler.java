package dev.parley.core.queue;

import dev.parley.core.tx.Tx;

/**
 * A handler whose whole work is a change to the store: no network, no waiting. The runner applies its jobs inside
 * the transaction that claims them (on the writer, each in a savepoint of its own) instead of leasing each to a
 * worker: no lease, no worker, no transaction of its own. A job applied so commits with its claim or not at all.
 * Jobs of such a kind are never handed off at enqueue ({@link JobHandoff}); they wait for the claim.
 */
public interface InlineJobHandler extends JobHandler {

    /**
     * Applies the job in {@code tx}, writing what it changes there. Anything but {@link JobOutcome.Done} undoes
     * those writes (the outcome's own effects are written) and counts as a failed attempt, as a leased job's would: a
     * {@link JobOutcome.Retry} or a throw is retried, with backoff unless it says when; a {@link JobOutcome.GiveUp}
     * is buried.
     */
    JobOutcome apply(Tx tx, Job job);

    /** Never called: the runner applies these jobs where it claims them. */
    @Override
    default JobOutcome handle(Job job) {
        throw new UnsupportedOperationException(kind() + " jobs are applied where they are claimed");
    }
}
