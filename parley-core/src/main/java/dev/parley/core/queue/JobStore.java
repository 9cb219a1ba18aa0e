package dev.parley.core.queue;

import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The durable job table. Every method runs inside the caller's transaction. */
public interface JobStore {

    /** Enqueues a job whose fair time is its due time. */
    default void enqueue(Job job) {
        enqueue(job, job.runAt());
    }

    /**
     * Enqueues a job with its fair time ({@link FairShare}): never before its due time, later when its account has
     * more jobs due than its fair share.
     */
    void enqueue(Job job, Instant fairAt);

    /**
     * Leases up to {@code limit} jobs due at {@code now} (pending ones, and leased ones whose lease has
     * expired because their worker died) to {@code owner}, counting one more attempt for each. Among pending jobs,
     * those whose fair time has come go first, oldest fair time first; then the other due ones, oldest first.
     */
    default List<Job> claim(Instant now, Instant leaseUntil, int limit, String owner) {
        return lease(due(now, limit), leaseUntil, owner);
    }

    /** {@link #claim(Instant, Instant, int, String)} for an anonymous owner. */
    default List<Job> claim(Instant now, Instant leaseUntil, int limit) {
        return claim(now, leaseUntil, limit, null);
    }

    /**
     * The jobs {@link #claim} would lease, in its order, without leasing them: this transaction holds them (on
     * PostgreSQL their rows are locked until it ends, and other nodes skip them), to lease, settle or leave.
     */
    List<Job> due(Instant now, int limit);

    /** Leases jobs this transaction took with {@link #due}, counting one more attempt for each; returns them leased. */
    List<Job> lease(List<Job> due, Instant leaseUntil, String owner);

    void complete(String id);

    /** Makes a leased job pending again, due (and fair) at {@code runAt}. */
    void retryAt(String id, Instant runAt, String error);

    void bury(String id, String error);

    Optional<Job> find(String id);

    Page<Job> deadLetters(String accountSid, PageRequest page);

    /** Due time of the earliest pending job, for the runner to sleep until. */
    Optional<Instant> nextRunAt();

    long countPending();

    /**
     * Turns every leased job back into a pending one, keeping its due time and attempt count. For the start-up
     * of a single-node installation, whose leases can only belong to a previous run of itself.
     *
     * @return how many jobs were released
     */
    int releaseLeases();

    /**
     * Turns the jobs leased to {@code owner} back into pending ones: a node restarting under the same name
     * resumes what its previous run had in hand, without touching other nodes' leases.
     *
     * @return how many jobs were released
     */
    int releaseLeases(String owner);
}
