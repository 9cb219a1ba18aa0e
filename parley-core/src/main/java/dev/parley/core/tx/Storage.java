package dev.parley.core.tx;

import dev.parley.core.queue.JobHandoff;
import java.util.function.Function;

/**
 * Transactions over every store. The one way services touch persistence.
 *
 * <p>{@link #write} runs {@code work} in a transaction and returns only after it is durably committed;
 * concurrent writes may share one commit (group commit), each isolated by a savepoint, so one unit's
 * exception rolls back only that unit and is rethrown to its caller. Work passed to {@code write} must
 * only touch the database: no network calls, no sleeping, since it may run on the single writer thread.
 *
 * <p>{@link #read} sees every write that returned before it started.
 */
public interface Storage {

    <T> T write(Function<Tx, T> work);

    <T> T read(Function<Tx, T> work);

    default void writeVoid(java.util.function.Consumer<Tx> work) {
        write(tx -> {
            work.accept(tx);
            return null;
        });
    }

    /** Runs after each successful commit that enqueued jobs: the work queue's in-process wake-up. */
    void onJobsCommitted(Runnable listener);

    /** Hands jobs due at once to this node's runner from the transactions that enqueue them (one runner). */
    void handOffJobs(JobHandoff handoff);
}
