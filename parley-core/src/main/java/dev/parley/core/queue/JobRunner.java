package dev.parley.core.queue;

import dev.parley.core.tx.Storage;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due jobs in batches and runs each on a virtual thread through the handler of its kind; a job due at once
 * is handed over by the transaction that enqueues it while there is room ({@link JobHandoff}), without a claim. Jobs
 * whose handler only changes the store ({@link InlineJobHandler}) are applied in the claiming transaction itself.
 * Woken in-process when a commit enqueues jobs; otherwise it sleeps until the next job is due (at most
 * {@link Settings#idlePoll}). A handler's exception or {@link JobOutcome.Retry} reschedules the job with
 * backoff until {@link Job#maxAttempts()}, after which it is buried as a dead letter.
 */
public final class JobRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    /**
     * Tuning of the runner; the defaults suit one node. {@code owner} names this node in the leases it takes,
     * stable across restarts, so that a restart can release its own leases at once.
     */
    public record Settings(int concurrency, int batchSize, Duration lease, Duration idlePoll, Backoff backoff,
            String owner) {
        public static final Settings DEFAULT = new Settings(512, 128, Duration.ofMinutes(2), Duration.ofSeconds(1),
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(10)), null);
    }

    private final Storage storage;
    private final Clock clock;
    private final Map<String, JobHandler> handlers;
    private final Settings settings;
    private final Semaphore permits;
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("job-", 0).factory());
    /** What the settle running on this (writer) thread has taken to run next. */
    private final ThreadLocal<Settling> settling = new ThreadLocal<>();
    /** Ids of jobs taken as continuations whose transaction has not ended yet. */
    private final Set<String> continuations = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private volatile boolean signalled;
    private volatile boolean running;
    private Thread loop;

    public JobRunner(Storage storage, Clock clock, List<JobHandler> handlers, Settings settings) {
        this.storage = storage;
        this.clock = clock;
        this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::kind, Function.identity()));
        this.settings = settings;
        this.permits = new Semaphore(settings.concurrency());
        storage.onJobsCommitted(this::wake);
        storage.handOffJobs(new Handoff());
    }

    /**
     * The job a worker settles, and the first job due now that its settling transaction enqueues: the worker runs that
     * one next, with the same permit ({@link Handoff#take}). Set on the writer thread for the settle's unit only.
     */
    private static final class Settling {
        /** How many jobs this worker has run one after the other so far, this one included. */
        private final int run;
        private Job next;

        private Settling(int run) {
            this.run = run;
        }
    }

    /** A worker runs at most this many jobs one after the other; the next is handed off or claimed as any other. */
    private static final int MOST_IN_A_ROW = 16;

    /**
     * Takes jobs due now straight from the transactions that enqueue them. The first one a job's settle enqueues is run
     * by that job's worker once the settle has committed, with the same permit: a follow-up (the status callbacks of a
     * message just sent) needs neither room nor a claim. Others are taken while the runner has room to spare; past half
     * its permits it takes none: jobs wait pending and claims share the runner fairly across accounts ({@link
     * FairShare}), instead of the busiest enqueuer taking every permit freed.
     */
    private final class Handoff implements JobHandoff {
        @Override
        public Lease take(Job job) {
            Instant now = clock.instant();
            if (!running || job.runAt().isAfter(now) || handlers.get(job.kind()) instanceof InlineJobHandler) {
                return null;
            }
            Settling s = settling.get();
            if (s != null && s.next == null && s.run < MOST_IN_A_ROW) {
                s.next = job.leased(); // runs on the settling worker, with its permit
                continuations.add(job.id());
            } else if (permits.availablePermits() <= settings.concurrency() / 2 || !permits.tryAcquire()) {
                return null;
            }
            return new Lease(now.plus(settings.lease()), settings.owner());
        }

        @Override
        public void committed(List<Job> jobs) {
            for (Job job : jobs) {
                if (continuations.remove(job.id())) {
                    continue; // its settling worker runs it
                }
                try {
                    workers.submit(() -> runOne(job));
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    permits.release(); // shutting down: the lease is released at the next start
                }
            }
        }

        @Override
        public void abandoned(List<Job> jobs) {
            for (Job job : jobs) {
                if (continuations.remove(job.id())) {
                    Settling s = settling.get();
                    if (s != null && s.next != null && s.next.id().equals(job.id())) {
                        s.next = null;
                    }
                } else {
                    permits.release();
                }
            }
        }
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        loop = Thread.ofPlatform().name("job-runner").daemon(true).start(this::runLoop);
    }

    /** Asks the loop to look for due jobs now. Cheap; safe from any thread. */
    public void wake() {
        signalled = true;
        lock.lock();
        try {
            wakeUp.signal();
        } finally {
            lock.unlock();
        }
    }

    private void runLoop() {
        while (running) {
            try {
                permits.acquire();
                // At most a batch's worth: the permits left free meanwhile let commits hand their jobs over.
                int free = 1 + takeUpTo(settings.batchSize() - 1);
                signalled = false;
                Instant now = clock.instant();
                int limit = Math.min(free, settings.batchSize());
                Claim taken = new Claim(List.of(), 0);
                List<Runnable> afterClaim = new ArrayList<>();
                try {
                    taken = storage.write(tx -> claim(tx, now, limit, afterClaim));
                } finally {
                    // Each leased job returns its permit when it is settled; the rest go back now, even on failure.
                    permits.release(free - taken.leased().size());
                    afterClaim.forEach(Runnable::run);
                }
                for (Job job : taken.leased()) {
                    workers.submit(() -> runOne(job));
                }
                if (taken.leased().size() + taken.applied() < limit) {
                    sleepUntilDue();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("job runner loop failed; retrying in 1 s", e);
                sleepQuietly(Duration.ofSeconds(1));
            }
        }
    }

    /** What a claim took: the jobs leased to workers, and how many it applied itself. */
    private record Claim(List<Job> leased, int applied) {
    }

    /** Leases the due jobs to workers, except those of inline kinds: it applies these here, in the claim. */
    private Claim claim(Tx tx, Instant now, int limit, List<Runnable> afterClaim) {
        List<Job> due = tx.jobs().due(now, limit);
        List<Job> toLease = new ArrayList<>(due.size());
        for (Job job : due) {
            if (handlers.get(job.kind()) instanceof InlineJobHandler inline) {
                applyInline(tx, inline, job, now, afterClaim);
            } else {
                toLease.add(job);
            }
        }
        return new Claim(tx.jobs().lease(toLease, now.plus(settings.lease()), settings.owner()),
                due.size() - toLease.size());
    }

    /**
     * Applies one inline job in a savepoint of its own. Done: it is deleted with what it wrote. Otherwise its
     * writes are undone and the attempt is counted (by a lease that the retry or burial ends at once), as a worker's.
     */
    private void applyInline(Tx tx, InlineJobHandler handler, Job pending, Instant now, List<Runnable> afterClaim) {
        Job job = pending.leased();
        JobOutcome outcome;
        try {
            outcome = storage.write(inner -> {
                JobOutcome o = handler.apply(inner, job);
                if (!(o instanceof JobOutcome.Done done)) {
                    throw new NotDone(o);
                }
                afterClaim.add(done.afterSettle());
                done.effects().accept(inner);
                inner.jobs().complete(job.id());
                return o;
            });
        } catch (NotDone e) {
            outcome = e.outcome;
        } catch (RuntimeException e) {
            log.warn("job {} ({}) attempt {} failed: {}", job.id(), job.kind(), job.attempts(), e.toString());
            outcome = JobOutcome.retry(e.toString());
        }
        if (!(outcome instanceof JobOutcome.Done)) {
            tx.jobs().lease(List.of(pending), now.plus(settings.lease()), settings.owner());
            settle(tx, job, handler, outcome);
        }
    }

    /** Undoes the writes of an inline job that is not done (its savepoint is rolled back), carrying its outcome. */
    private static final class NotDone extends RuntimeException {
        final transient JobOutcome outcome;

        NotDone(JobOutcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    /** Takes up to {@code max} of the permits free now, without waiting; returns how many it took. */
    private int takeUpTo(int max) {
        int wanted = Math.min(max, permits.availablePermits());
        while (wanted > 0 && !permits.tryAcquire(wanted)) {
            wanted = Math.min(wanted, permits.availablePermits());
        }
        return Math.max(wanted, 0);
    }

    private void sleepUntilDue() throws InterruptedException {
        if (signalled) {
            return;
        }
        Instant now = clock.instant();
        Duration wait = storage.read(tx -> tx.jobs().nextRunAt())
                .map(at -> Duration.between(now, at))
                .filter(d -> d.compareTo(settings.idlePoll()) < 0)
                .orElse(settings.idlePoll());
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        lock.lock();
        try {
            if (!signalled) {
                wakeUp.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code job}, then each job its settle took to run next, on this worker and with its permit. */
    private void runOne(Job job) {
        try {
            Job next = job;
            for (int run = 1; next != null; run++) {
                next = runAndSettle(next, run);
            }
        } finally {
            permits.release();
        }
    }

    /**
     * Runs and settles {@code job}, the {@code run}-th this worker runs in a row: the job its committed settle took to
     * run next on this worker, or null.
     */
    private Job runAndSettle(Job job, int run) {
        JobOutcome outcome = JobOutcome.DONE;
        Runnable afterSettle = JobOutcome.NO_FOLLOW_UP;
        try {
            JobHandler handler = handlers.get(job.kind());
            if (handler == null) {
                outcome = new JobOutcome.GiveUp("no handler for job kind " + job.kind(), JobOutcome.NOTHING);
            } else {
                try {
                    outcome = handler.handle(job);
                } catch (RuntimeException e) {
                    log.warn("job {} ({}) attempt {} failed: {}", job.id(), job.kind(), job.attempts(), e.toString());
                    outcome = JobOutcome.retry(e.toString());
                }
            }
            if (outcome instanceof JobOutcome.Done done && done.afterSettle() != JobOutcome.NO_FOLLOW_UP) {
                afterSettle = once(done.afterSettle());
            }
            return settle(job, handler, outcome, afterSettle, new Settling(run));
        } catch (RuntimeException e) {
            // The lease runs out and another claim retries the job: nothing is lost.
            log.error("could not settle job {} ({})", job.id(), job.kind(), e);
            return null;
        } finally {
            // Already run if the settle committed; else its transaction has ended here, rolled back.
            afterSettle.run();
        }
    }

    /**
     * Settles a job in its own transaction; a retry wakes the loop, which may sleep past its new due time. A done job's
     * {@code afterSettle} runs on the writer as the settle commits, not once this thread is scheduled again: an SMPP
     * bind's room held until then is free for the next submit sooner. Returns the first job due now that the settle
     * enqueued ({@link Handoff#take}), to run next on this worker; null when there is none.
     */
    private Job settle(Job job, JobHandler handler, JobOutcome outcome, Runnable afterSettle, Settling taken) {
        storage.writeVoid(tx -> {
            settling.set(taken);
            try {
                settle(tx, job, handler, outcome);
                if (afterSettle != JobOutcome.NO_FOLLOW_UP) {
                    tx.afterCommit(afterSettle);
                }
            } finally {
                settling.remove();
            }
        });
        if (outcome instanceof JobOutcome.Retry) {
            wake();
        }
        // Committed: what the settle took is in the store, leased to this node (a rollback would have dropped it).
        return taken.next;
    }

    /** {@code action}, run by the first call only. */
    private static Runnable once(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        };
    }

    /** Writes the outcome's effects and what becomes of the (leased) job: gone, due again later, or dead. */
    private void settle(Tx tx, Job job, JobHandler handler, JobOutcome outcome) {
        outcome.effects().accept(tx);
        switch (outcome) {
            case JobOutcome.Done d -> tx.jobs().complete(job.id());
            case JobOutcome.GiveUp g -> bury(tx, job, handler, g.reason());
            case JobOutcome.Retry r -> {
                if (job.attempts() >= job.maxAttempts()) {
                    bury(tx, job, handler, r.reason());
                } else {
                    Duration delay = r.after() != null ? r.after() : settings.backoff().delay(job.attempts());
                    tx.jobs().retryAt(job.id(), clock.instant().plus(delay), r.reason());
                }
            }
        }
    }

    private static void bury(Tx tx, Job job, JobHandler handler, String reason) {
        log.warn("job {} ({}) is a dead letter after {} attempts: {}", job.id(), job.kind(), job.attempts(), reason);
        tx.jobs().bury(job.id(), reason);
        if (handler != null) {
            handler.onDeadLetter(job, reason, tx);
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
