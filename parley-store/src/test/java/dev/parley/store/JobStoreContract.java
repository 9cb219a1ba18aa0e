package dev.parley.store;

import static dev.parley.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.paging.Cursor;
import dev.parley.core.paging.Page;
import dev.parley.core.paging.PageRequest;
import dev.parley.core.queue.FairShare;
import dev.parley.core.queue.Job.JobState;
import dev.parley.core.queue.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

interface JobStoreContract extends UsesDatabase {

    private void enqueue(Job... jobs) {
        storage().writeVoid(tx -> {
            for (Job job : jobs) {
                tx.jobs().enqueue(job);
            }
        });
    }

    private List<Job> claim(Instant now, Instant leaseUntil, int limit) {
        return storage().write(tx -> tx.jobs().claim(now, leaseUntil, limit));
    }

    private Optional<Job> find(String id) {
        return storage().read(tx -> tx.jobs().find(id));
    }

    private long countPending() {
        return storage().read(tx -> tx.jobs().countPending());
    }

    private Optional<Instant> nextRunAt() {
        return storage().read(tx -> tx.jobs().nextRunAt());
    }

    private static Job claimed(Job job, int attempts) {
        return new Job(job.id(), job.accountSid(), job.kind(), job.payload(), job.runAt(), attempts,
                job.maxAttempts(), job.lastError(), JobState.LEASED, job.createdAt());
    }

    @Test
    default void anEnqueuedJobRoundTrips() {
        Job job = Fixtures.job(Fixtures.sid("AC"), T0.plusSeconds(5));
        enqueue(job);
        assertThat(find(job.id())).contains(job);
        assertThat(find("JBmissing")).isEmpty();
    }

    @Test
    default void claimLeasesDuePendingJobsOldestFirstCountingAnAttempt() {
        String account = Fixtures.sid("AC");
        Job later = Fixtures.job(account, T0.minusSeconds(1));
        Job oldest = Fixtures.job(account, T0.minusSeconds(2));
        Job dueNow = Fixtures.job(account, T0);
        Job future = Fixtures.job(account, T0.plusMillis(1));
        enqueue(later, future, dueNow, oldest);
        Instant lease = T0.plusSeconds(120);

        List<Job> claimed = claim(T0, lease, 10);

        assertThat(claimed).containsExactly(claimed(oldest, 1), claimed(later, 1),
                claimed(dueNow, 1));
        assertThat(claim(T0, lease, 10)).isEmpty();
        assertThat(countPending()).isEqualTo(1);
        assertThat(nextRunAt()).contains(future.runAt());
    }

    @Test
    default void anotherAccountsJobIsClaimedBeforeTheRestOfAFloodingAccountsBacklog() {
        FairShare fair = new FairShare(Duration.ofMillis(1));
        String flooding = Fixtures.sid("AC");
        String other = Fixtures.sid("AC");
        List<Job> flood = new ArrayList<>();
        storage().writeVoid(tx -> {
            for (int i = 0; i < 1000; i++) {
                Job job = Fixtures.job(flooding, T0);
                flood.add(job);
                tx.jobs().enqueue(job, fair.fairAt(flooding, T0, T0));
            }
        });
        assertThat(claim(T0, T0.plusSeconds(60), 10)).extracting(Job::id)
                .containsExactlyElementsOf(flood.subList(0, 10).stream().map(Job::id).toList());

        Instant later = T0.plusMillis(5);
        Job theirs = Fixtures.job(other, later);
        storage().writeVoid(tx -> tx.jobs().enqueue(theirs, fair.fairAt(other, later, later)));
        List<Job> next = claim(later, later.plusSeconds(60), 10);

        // Without fairness it would wait for the 990 older jobs of the flood.
        assertThat(next).extracting(Job::id).first().isEqualTo(theirs.id());
        assertThat(next).extracting(Job::id).hasSize(10).doesNotHaveDuplicates()
                .containsAll(flood.subList(10, 19).stream().map(Job::id).toList());
    }

    @Test
    default void aRetriedJobIsFairAtItsNewTime() {
        String account = Fixtures.sid("AC");
        Job job = Fixtures.job(account, T0);
        storage().writeVoid(tx -> tx.jobs().enqueue(job, T0.plusSeconds(3600)));
        claim(T0, T0.plusSeconds(60), 10);
        storage().writeVoid(tx -> tx.jobs().retryAt(job.id(), T0.plusSeconds(30), "HTTP 503"));
        Job backlog = Fixtures.job(Fixtures.sid("AC"), T0);
        storage().writeVoid(tx -> tx.jobs().enqueue(backlog, T0.plusSeconds(7200)));

        assertThat(claim(T0.plusSeconds(30), T0.plusSeconds(90), 1)).extracting(Job::id).containsExactly(job.id());
    }

    @Test
    default void claimTakesNoMoreThanItsLimit() {
        String account = Fixtures.sid("AC");
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            jobs.add(Fixtures.job(account, T0.minusSeconds(10 - i)));
        }
        enqueue(jobs.toArray(Job[]::new));
        assertThat(claim(T0, T0.plusSeconds(60), 2)).extracting(Job::id)
                .containsExactly(jobs.get(0).id(), jobs.get(1).id());
        assertThat(claim(T0, T0.plusSeconds(60), 2)).extracting(Job::id)
                .containsExactly(jobs.get(2).id(), jobs.get(3).id());
        assertThat(claim(T0, T0.plusSeconds(60), 2)).extracting(Job::id).containsExactly(jobs.get(4).id());
    }

    @Test
    default void aJobWhoseLeaseExpiredIsClaimedAgainWithOneMoreAttempt() {
        Job job = Fixtures.job(Fixtures.sid("AC"), T0);
        enqueue(job);
        assertThat(claim(T0, T0.plusSeconds(60), 10)).hasSize(1);
        assertThat(claim(T0.plusSeconds(60), T0.plusSeconds(120), 10)).isEmpty();

        List<Job> again = claim(T0.plusSeconds(61), T0.plusSeconds(180), 10);

        assertThat(again).containsExactly(claimed(job, 2));
    }

    @Test
    default void retryMakesTheJobPendingAgainAtItsNewTime() {
        Job job = Fixtures.job(Fixtures.sid("AC"), T0);
        enqueue(job);
        claim(T0, T0.plusSeconds(60), 10);

        storage().writeVoid(tx -> tx.jobs().retryAt(job.id(), T0.plusSeconds(30), "HTTP 503"));

        Job retried = find(job.id()).orElseThrow();
        assertThat(retried.state()).isEqualTo(JobState.PENDING);
        assertThat(retried.runAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(retried.lastError()).isEqualTo("HTTP 503");
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(nextRunAt()).contains(T0.plusSeconds(30));
        assertThat(claim(T0.plusSeconds(29), T0.plusSeconds(90), 10)).isEmpty();
        assertThat(claim(T0.plusSeconds(30), T0.plusSeconds(90), 10)).extracting(Job::attempts).containsExactly(2);
    }

    @Test
    default void aBuriedJobIsADeadLetterOfItsAccountOnlyAndIsNeverClaimed() {
        String a = Fixtures.sid("AC");
        String b = Fixtures.sid("AC");
        Job job = Fixtures.job(a, T0);
        enqueue(job, Fixtures.job(b, T0.plusSeconds(3600)));
        claim(T0, T0.plusSeconds(60), 10);

        storage().writeVoid(tx -> tx.jobs().bury(job.id(), "gave up after 5 attempts"));

        Page<Job> dead = storage().read(tx -> tx.jobs().deadLetters(a, PageRequest.first(50)));
        assertThat(dead.items()).singleElement().satisfies(j -> {
            assertThat(j.id()).isEqualTo(job.id());
            assertThat(j.state()).isEqualTo(JobState.DEAD);
            assertThat(j.lastError()).isEqualTo("gave up after 5 attempts");
        });
        assertThat(dead.next()).isNull();
        assertThat(storage().read(tx -> tx.jobs().deadLetters(b, PageRequest.first(50))).items()).isEmpty();
        assertThat(claim(T0.plusSeconds(1000), T0.plusSeconds(2000), 10)).isEmpty();
        assertThat(countPending()).isEqualTo(1);
    }

    @Test
    default void completeDeletesTheJob() {
        Job job = Fixtures.job(Fixtures.sid("AC"), T0);
        enqueue(job);
        claim(T0, T0.plusSeconds(60), 10);
        storage().writeVoid(tx -> tx.jobs().complete(job.id()));
        assertThat(find(job.id())).isEmpty();
        assertThat(claim(T0.plusSeconds(3600), T0.plusSeconds(4000), 10)).isEmpty();
    }

    @Test
    default void nextRunAtAndCountPendingSeeOnlyPendingJobs() {
        assertThat(nextRunAt()).isEmpty();
        assertThat(countPending()).isZero();
        String account = Fixtures.sid("AC");
        Job first = Fixtures.job(account, T0);
        Job second = Fixtures.job(account, T0.plusSeconds(10));
        enqueue(second, first);
        assertThat(nextRunAt()).contains(T0);
        assertThat(countPending()).isEqualTo(2);
        claim(T0, T0.plusSeconds(60), 1);
        assertThat(nextRunAt()).contains(T0.plusSeconds(10));
        assertThat(countPending()).isEqualTo(1);
    }

    @Test
    default void releaseLeasesReturnsEveryLeasedJobToPending() {
        String account = Fixtures.sid("AC");
        Job leased = Fixtures.job(account, T0);
        Job pending = Fixtures.job(account, T0.plusSeconds(3600));
        enqueue(leased, pending);
        claim(T0, T0.plusSeconds(600), 10);

        int released = storage().write(tx -> tx.jobs().releaseLeases());

        assertThat(released).isEqualTo(1);
        assertThat(find(leased.id()).orElseThrow().state()).isEqualTo(JobState.PENDING);
        assertThat(claim(T0, T0.plusSeconds(600), 10)).extracting(Job::id, Job::attempts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(leased.id(), 2));
    }

    @Test
    default void releaseLeasesOfOneOwnerLeavesOtherNodesLeasesAlone() {
        String account = Fixtures.sid("AC");
        Job mine = Fixtures.job(account, T0);
        Job theirs = Fixtures.job(account, T0.plusSeconds(1));
        enqueue(mine, theirs);
        storage().write(tx -> tx.jobs().claim(T0, T0.plusSeconds(600), 1, "node-a:8080"));
        storage().write(tx -> tx.jobs().claim(T0.plusSeconds(1), T0.plusSeconds(600), 1, "node-b:8080"));

        int released = storage().write(tx -> tx.jobs().releaseLeases("node-a:8080"));

        assertThat(released).isEqualTo(1);
        assertThat(find(mine.id()).orElseThrow().state()).isEqualTo(JobState.PENDING);
        assertThat(find(theirs.id()).orElseThrow().state()).isEqualTo(JobState.LEASED);
        assertThat((int) storage().write(tx -> tx.jobs().releaseLeases("node-a:8080"))).isZero();
        // A retried job is no longer anyone's.
        storage().writeVoid(tx -> tx.jobs().retryAt(theirs.id(), T0.plusSeconds(5), "boom"));
        assertThat((int) storage().write(tx -> tx.jobs().releaseLeases("node-b:8080"))).isZero();
    }

    @Test
    default void deadLettersPageNewestFirstWithCursors() {
        String account = Fixtures.sid("AC");
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Job j = Fixtures.job(account, T0);
            jobs.add(new Job(j.id(), account, j.kind(), j.payload(), T0, 0, 5, null, JobState.PENDING,
                    T0.plusSeconds(i / 2)));
        }
        enqueue(jobs.toArray(Job[]::new));
        storage().writeVoid(tx -> jobs.forEach(j -> tx.jobs().bury(j.id(), "dead")));
        List<String> expected = jobs.stream()
                .sorted(java.util.Comparator.comparing(Job::createdAt).thenComparing(Job::id).reversed())
                .map(Job::id).toList();

        List<String> walked = new ArrayList<>();
        Cursor cursor = null;
        do {
            Cursor after = cursor;
            Page<Job> page = storage().read(tx -> tx.jobs().deadLetters(account, new PageRequest(3, 0, after)));
            walked.addAll(page.items().stream().map(Job::id).toList());
            cursor = page.next();
        } while (cursor != null);
        assertThat(walked).containsExactlyElementsOf(expected);
    }
}
