package dev.parley.core.queue;

import java.time.Instant;
import java.util.List;

/**
 * Jobs handed to this node's runner by the transaction that enqueues them: a job due at once, while the runner has
 * room, is inserted already leased to the runner and runs as soon as its transaction commits — no claim round, no
 * lease update. It is as durable as any job: should the node die before finishing it, its lease is released at the
 * restart (or runs out) and a claim retries it. A job the runner has no room for is enqueued pending, as usual.
 */
public interface JobHandoff {

    /**
     * Takes {@code job} (due at {@code job.runAt()}) if it is due now and the runner has room for it, reserving that
     * room; null when it is to be enqueued pending.
     *
     * @return the lease the job is inserted with
     */
    Lease take(Job job);

    /** The jobs taken by a transaction that has committed: they are to run now. */
    void committed(List<Job> jobs);

    /** The jobs taken by work that was rolled back: their room is free again, and they never run. */
    void abandoned(List<Job> jobs);

    /** Until when, and by whom, a taken job is leased. */
    record Lease(Instant until, String owner) {
    }
}
