package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.core.paging.PageRequest;
import dev.parley.core.queue.Backoff;
import dev.parley.core.queue.InlineJobHandler;
import dev.parley.core.queue.Job;
import dev.parley.core.queue.JobHandler;
import dev.parley.core.queue.JobOutcome;
import dev.parley.core.queue.JobRunner;
import dev.parley.core.tx.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job runner over a real SQLite store: retries, dead letters, due times, wake-ups. */
class SqliteJobRunnerTest {
    @RegisterExtension
    final TestDatabase db = TestDatabase.sqlite();

    private static final JobRunner.Settings FAST = new JobRunner.Settings(16, 8, Duration.ofMinutes(1),
            Duration.ofSeconds(5), new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)), "test-node");

    /** Fails each job {@code failures} times, then succeeds; records attempts and dead letters. */
    private static final class Flaky implements JobHandler {
        final int failures;
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final List<String> done = new CopyOnWriteArrayList<>();
        final List<String> dead = new CopyOnWriteArrayList<>();

        Flaky(int failures) {
            this.failures = failures;
        }

        @Override
        public String kind() {
            return "test.flaky";
        }

        @Override
        public JobOutcome handle(Job job) {
            int n = calls.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
            if (n <= failures) {
                throw new IllegalStateException("failure " + n);
            }
            done.add(job.id());
            return JobOutcome.DONE;
        }

        @Override
        public void onDeadLetter(Job job, String reason, Tx tx) {
            dead.add(job.id() + ": " + reason);
        }
    }

    private Job enqueue(Instant runAt, int maxAttempts) {
        Job job = Job.create(Fixtures.sid("JB"), "AC" + "a".repeat(32), "test.flaky", "{}", runAt, maxAttempts,
                Instant.now());
        db.database().writeVoid(tx -> tx.jobs().enqueue(job));
        return job;
    }

    @Test
    void failingJobIsRetriedWithBackoffUntilItSucceeds() {
        Flaky handler = new Flaky(2);
        try (JobRunner runner = new JobRunner(db.database(), Clock.systemUTC(), List.of(handler), FAST)) {
            runner.start();
            Job job = enqueue(Instant.now(), 5);
            await().atMost(Duration.ofSeconds(10)).until(() -> handler.done.contains(job.id()));
            assertThat(handler.calls.get(job.id()).get()).isEqualTo(3);
            await().atMost(Duration.ofSeconds(5)).until(() -> db.database().read(tx -> tx.jobs().find(job.id())).isEmpty());
            assertThat(handler.dead).isEmpty();
        }
    }

    @Test
    void jobFailingEveryAttemptBecomesAVisibleDeadLetter() {
        Flaky handler = new Flaky(Integer.MAX_VALUE);
        try (JobRunner runner = new JobRunner(db.database(), Clock.systemUTC(), List.of(handler), FAST)) {
            runner.start();
            Job job = enqueue(Instant.now(), 3);
            await().atMost(Duration.ofSeconds(10)).until(() -> handler.dead.size() == 1);
            assertThat(handler.calls.get(job.id()).get()).isEqualTo(3);
            assertThat(handler.dead.getFirst()).startsWith(job.id()).contains("failure 3");
            Job buried = db.database().read(tx -> tx.jobs().find(job.id())).orElseThrow();
            assertThat(buried.state()).isEqualTo(Job.JobState.DEAD);
            assertThat(buried.attempts()).isEqualTo(3);
            assertThat(db.database().read(tx -> tx.jobs().deadLetters(buried.accountSid(), PageRequest.first(10)))
                    .items()).extracting(Job::id).containsExactly(job.id());
        }
    }

    @Test
    void jobDueLaterRunsAtItsTimeAndNewJobsWakeTheRunnerAtOnce() {
        Flaky handler = new Flaky(0);
        try (JobRunner runner = new JobRunner(db.database(), Clock.systemUTC(), List.of(handler), FAST)) {
            runner.start();
            Instant later = Instant.now().plusMillis(700);
            Job scheduled = enqueue(later, 3);
            // The idle poll is 5 s: only the wake-up on commit can make this one run within a second.
            Job now = enqueue(Instant.now(), 3);
            await().atMost(Duration.ofSeconds(1)).until(() -> handler.done.contains(now.id()));
            assertThat(handler.done).doesNotContain(scheduled.id());
            await().atMost(Duration.ofSeconds(3)).until(() -> handler.done.contains(scheduled.id()));
            assertThat(Instant.now()).isAfterOrEqualTo(later);
        }
    }

    /**
     * Room for many more jobs than a claim takes: whatever the claim loop holds while it claims, more than half the
     * permits stay free, so the runner always takes a job due now from the transaction that enqueues it.
     */
    @Test
    void aDoneJobsFollowUpRunsOnceItsSettleHasCommitted() {
        Job marker = Job.create(Fixtures.sid("JB"), "AC" + "a".repeat(32), "test.marker", "{}",
                Instant.now().plus(Duration.ofDays(1)), 1, Instant.now());
        List<String> seen = new CopyOnWriteArrayList<>();
        JobHandler handler = handler("test.flaky", job -> JobOutcome.done(tx -> tx.jobs().enqueue(marker),
                () -> seen.add("marker " + stored(marker.id()) + ", job " + stored(job.id()))));
        try (JobRunner runner = new JobRunner(db.database(), Clock.systemUTC(), List.of(handler), FAST)) {
            runner.start();
            enqueue(Instant.now(), 3);
            await().atMost(Duration.ofSeconds(5)).until(() -> !seen.isEmpty());
        }
        assertThat(seen).containsExactly("marker true, job false");
    }

    private static final JobRunner.Settings ROOMY = new JobRunner.Settings(64, 8, Duration.ofMinutes(1),
            Duration.ofSeconds(5), new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)), "test-node");

    /** Holds every job until released; counts the jobs it has started. */
    private static final class Gate implements JobHandler {
        final java.util.concurrent.CountDownLatch open = new java.util.concurrent.CountDownLatch(1);
        final List<String> started = new CopyOnWriteArrayList<>();

        @Override
        public String kind() {
            return "test.flaky";
        }

        @Override
        public JobOutcome handle(Job job) {
            started.add(job.id());
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return JobOutcome.DONE;
        }
    }

    @Test
    void aJobDueNowIsHandedToTheRunnerLeasedByTheTransactionThatEnqueuesIt() {
        Gate gate = new Gate();
        try (JobRunner runner = new JobRunner(db.database(), Clock.systemUTC(), List.of(gate), ROOMY)) {
            runner.start();
            Job job = enqueue(Instant.now(), 3);
            // Leased when the write returns: no claim round came in between.
            Job stored = db.database().read(tx -> tx.jobs().find(job.id())).orElseThrow();
            assertThat(stored.state()).isEqualTo(Job.JobState.LEASED);
            assertThat(stored.attempts()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> gate.started.contains(job.id()));
            gate.open.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> db.database().read(tx -> tx.jobs().find(job.id()))
                    .isEmpty());
            assertThat(gate.started).containsExactly(job.id());
        }
    }

    @Test
    void jobsHandedOffByWorkThatIsRolledBackGiveTheirRoomBackAndNeverRun() {
        Gate gate = new Gate();
        try (JobRunner runner = new JobRunner(db.database(), Clock.systemUTC(), List.of(gate), ROOMY)) {
            runner.start();
            List<String> rolledBack = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 3 * ROOMY.concurrency(); i++) {
                Job job = Job.create(Fixtures.sid("JB"), "AC" + "a".repeat(32), "test.flaky", "{}", Instant.now(), 3,
                        Instant.now());
                rolledBack.add(job.id());
                try {
                    db.database().writeVoid(tx -> {
                        tx.jobs().enqueue(job);
                        throw new IllegalStateException("rolled back");
                    });
                } catch (IllegalStateException expected) {
                    // the job is gone with its transaction
                }
            }
            // Had the rolled-back jobs kept their permits, the runner would have no room left to take this one.
            Job kept = enqueue(Instant.now(), 3);
            assertThat(db.database().read(tx -> tx.jobs().find(kept.id())).orElseThrow().state())
                    .isEqualTo(Job.JobState.LEASED);
            // Held by the gate until now, so that it was still there to be seen leased.
            gate.open.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> gate.started.contains(kept.id()));
            assertThat(gate.started).doesNotContainAnyElementsOf(rolledBack);
        }
    }

    /**
     * A job due now that a job's settle enqueues runs next on that job's worker, with its permit, though the runner has
     * no room to hand it off (one permit): the status callbacks of a message just sent need no claim. One enqueued in
     * a nested write that rolled back never runs.
     */
    @Test
    void aJobDueNowThatASettleEnqueuesRunsNextOnItsWorkerAndNeverIfRolledBack() {
        String account = "AC" + "a".repeat(32);
        Job next = Job.create(Fixtures.sid("JB"), account, "test.next", "{}", Instant.now(), 3, Instant.now());
        Job abandoned = Job.create(Fixtures.sid("JB"), account, "test.next", "{}", Instant.now(), 3, Instant.now());
        List<String> ran = new CopyOnWriteArrayList<>();
        Map<String, Thread> threads = new ConcurrentHashMap<>();
        JobHandler first = handler("test.flaky", job -> {
            threads.put(job.id(), Thread.currentThread());
            ran.add("first");
            return JobOutcome.done(tx -> {
                try {
                    db.database().writeVoid(nested -> {
                        nested.jobs().enqueue(abandoned);
                        throw new IllegalStateException("rolled back");
                    });
                } catch (IllegalStateException expected) {
                    // the nested write is gone, with the job it enqueued
                }
                tx.jobs().enqueue(next);
            });
        });
        JobHandler following = handler("test.next", job -> {
            threads.put(job.id(), Thread.currentThread());
            ran.add(job.id().equals(next.id()) ? "next" : "abandoned");
            return JobOutcome.DONE;
        });
        JobRunner.Settings onePermit = new JobRunner.Settings(1, 8, Duration.ofMinutes(1), Duration.ofSeconds(5),
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(50)), "test-node");
        try (JobRunner runner = new JobRunner(db.database(), Clock.systemUTC(), List.of(first, following),
                onePermit)) {
            runner.start();
            Job job = enqueue(Instant.now(), 3);
            await().atMost(Duration.ofSeconds(5)).until(() -> ran.contains("next") && !stored(next.id()));
            assertThat(threads.get(next.id())).as("run on the worker that settled the job that enqueued it")
                    .isSameAs(threads.get(job.id()));
        }
        assertThat(ran).containsExactly("first", "next");
        assertThat(stored(abandoned.id())).isFalse();
    }

    /** A handler of {@code kind} that runs {@code handle}. */
    private static JobHandler handler(String kind, Function<Job, JobOutcome> handle) {
        return new JobHandler() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public JobOutcome handle(Job job) {
                return handle.apply(job);
            }
        };
    }

    /**
     * Applies each job in the claiming transaction: enqueues a marker job (due in an hour, of a kind nobody runs)
     * as its write, then throws for the first {@code failures} attempts, or asks to be retried when {@code retry}.
     */
    private static final class Inline implements InlineJobHandler {
        final int failures;
        final boolean retry;
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final List<String> markers = new CopyOnWriteArrayList<>();
        final List<String> dead = new CopyOnWriteArrayList<>();

        Inline(int failures, boolean retry) {
            this.failures = failures;
            this.retry = retry;
        }

        @Override
        public String kind() {
            return "test.inline";
        }

        @Override
        public JobOutcome apply(Tx tx, Job job) {
            int n = calls.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
            String marker = Fixtures.sid("JB");
            markers.add(marker);
            tx.jobs().enqueue(Job.create(marker, job.accountSid(), "test.mark", job.id(),
                    Instant.now().plusSeconds(3600), 1, Instant.now()));
            if (n <= failures) {
                if (retry) {
                    return JobOutcome.retryAfter(Duration.ofMillis(10), "not yet " + n);
                }
                throw new IllegalStateException("failure " + n);
            }
            return JobOutcome.DONE;
        }

        @Override
        public void onDeadLetter(Job job, String reason, Tx tx) {
            dead.add(job.id() + ": " + reason);
        }
    }

    private Job enqueueInline(int maxAttempts) {
        Job job = Job.create(Fixtures.sid("JB"), "AC" + "a".repeat(32), "test.inline", "{}", Instant.now(),
                maxAttempts, Instant.now());
        db.database().writeVoid(tx -> tx.jobs().enqueue(job));
        return job;
    }

    private boolean stored(String jobId) {
        return db.database().read(tx -> tx.jobs().find(jobId)).isPresent();
    }

    @Test
    void anInlineJobIsAppliedWhereItIsClaimedNeverHandedOffAndItsWritesCommitWithIt() {
        Inline inline = new Inline(1, true);
        try (JobRunner runner = new JobRunner(db.database(), Clock.systemUTC(), List.of(inline), ROOMY)) {
            runner.start();
            Job job = enqueueInline(5);
            // Due now with room to spare, yet not taken at enqueue: the claim applies it.
            assertThat(db.database().read(tx -> tx.jobs().find(job.id())).map(Job::state))
                    .hasValueSatisfying(state -> assertThat(state).isIn(Job.JobState.PENDING));
            await().atMost(Duration.ofSeconds(5)).until(() -> !stored(job.id()));
            assertThat(inline.calls.get(job.id()).get()).isEqualTo(2);
            // The retried attempt's write was undone with it; the applied one's committed with the job's deletion.
            assertThat(inline.markers).hasSize(2);
            assertThat(stored(inline.markers.get(0))).isFalse();
            assertThat(stored(inline.markers.get(1))).isTrue();
            assertThat(inline.dead).isEmpty();
        }
    }

    @Test
    void anInlineJobThatThrowsLosesItsWritesCountsEachAttemptAndEndsAVisibleDeadLetter() {
        Inline inline = new Inline(Integer.MAX_VALUE, false);
        Flaky other = new Flaky(0);
        try (JobRunner runner = new JobRunner(db.database(), Clock.systemUTC(), List.of(inline, other), FAST)) {
            runner.start();
            Job job = enqueueInline(3);
            Job neighbour = enqueue(Instant.now(), 3);
            await().atMost(Duration.ofSeconds(10)).until(() -> inline.dead.size() == 1);
            assertThat(inline.calls.get(job.id()).get()).isEqualTo(3);
            assertThat(inline.dead.getFirst()).startsWith(job.id()).contains("failure 3");
            Job buried = db.database().read(tx -> tx.jobs().find(job.id())).orElseThrow();
            assertThat(buried.state()).isEqualTo(Job.JobState.DEAD);
            assertThat(buried.attempts()).isEqualTo(3);
            assertThat(inline.markers).hasSize(3).noneMatch(this::stored);
            // A failing inline job undoes only its own writes: the claim goes on for the others.
            await().atMost(Duration.ofSeconds(5)).until(() -> other.done.contains(neighbour.id()));
        }
    }
}
