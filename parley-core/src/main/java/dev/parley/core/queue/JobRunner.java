package dev.parley.core.queue;

import dev.parley.core.store.Storage;
import dev.parley.core.store.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due jobs in batches and runs each on a virtual thread through the handler of its kind; a job due at once
 * is handed over by the transaction that enqueues it while there is room ({@link JobHandoff}), without a claim.
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
     * Takes jobs due now straight from the transactions that enqueue them while the runner has room to spare. Past half
     * its permits it takes none: jobs wait pending and claims share the runner fairly across accounts ({@link
     * FairShare}), instead of the busiest enqueuer taking every permit freed.
     */
    private final class Handoff implements JobHandoff {
        @Override
        public Lease take(Job job) {
            Instant now = clock.instant();
            if (!running || job.runAt().isAfter(now) || permits.availablePermits() <= settings.concurrency() / 2
                    || !permits.tryAcquire()) {
                return null;
            }
            return new Lease(now.plus(settings.lease()), settings.owner());
        }

        @Override
        public void committed(List<Job> jobs) {
            for (Job job : jobs) {
                try {
                    workers.submit(() -> runOne(job));
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    permits.release(); // shutting down: the lease is released at the next start
                }
            }
        }

        @Override
        public void abandoned(int count) {
            permits.release(count);
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
                List<Job> due = List.of();
                try {
                    due = storage.write(tx -> tx.jobs().claim(now, now.plus(settings.lease()),
                            Math.min(free, settings.batchSize()), settings.owner()));
                } finally {
                    // Each claimed job returns its permit when it is settled; the rest go back now, even on failure.
                    permits.release(free - due.size());
                }
                for (Job job : due) {
                    workers.submit(() -> runOne(job));
                }
                if (due.size() < Math.min(free, settings.batchSize())) {
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

    private void runOne(Job job) {
        try {
            JobHandler handler = handlers.get(job.kind());
            JobOutcome outcome;
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
            settle(job, handler, outcome);
        } catch (RuntimeException e) {
            // The lease runs out and another claim retries the job: nothing is lost.
            log.error("could not settle job {} ({})", job.id(), job.kind(), e);
        } finally {
            permits.release();
        }
    }

    private void settle(Job job, JobHandler handler, JobOutcome outcome) {
        switch (outcome) {
            case JobOutcome.Done d -> storage.writeVoid(tx -> {
                d.effects().accept(tx);
                tx.jobs().complete(job.id());
            });
            case JobOutcome.GiveUp g -> bury(job, handler, g.reason(), g.effects());
            case JobOutcome.Retry r -> {
                if (job.attempts() >= job.maxAttempts()) {
                    bury(job, handler, r.reason(), r.effects());
                } else {
                    Duration delay = r.after() != null ? r.after() : settings.backoff().delay(job.attempts());
                    Instant at = clock.instant().plus(delay);
                    storage.writeVoid(tx -> {
                        r.effects().accept(tx);
                        tx.jobs().retryAt(job.id(), at, r.reason());
                    });
                    // The loop may be asleep for the idle poll, unaware of this new due time.
                    wake();
                }
            }
        }
    }

    private void bury(Job job, JobHandler handler, String reason, Consumer<Tx> effects) {
        log.warn("job {} ({}) is a dead letter after {} attempts: {}", job.id(), job.kind(), job.attempts(), reason);
        storage.writeVoid(tx -> {
            effects.accept(tx);
            tx.jobs().bury(job.id(), reason);
            if (handler != null) {
                handler.onDeadLetter(job, reason, tx);
            }
        });
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
